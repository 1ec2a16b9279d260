using System.Text.Json.Serialization;

namespace AIStudio.Kernel.Protocol.Messages.Content;

/// <summary>Content of kernel_info_request (shell or control): empty.</summary>
public sealed record KernelInfoRequest
{
}
