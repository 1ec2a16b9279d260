using System.Text.Json.Serialization;

namespace AIStudio.Kernel.Protocol.Messages.Content;

/// <summary>Content of interrupt_request on control: empty.</summary>
public sealed record InterruptRequest
{
}
