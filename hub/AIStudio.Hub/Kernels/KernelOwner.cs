namespace AIStudio.Hub.Kernels;

/// <summary>The user a kernel belongs to, the organization its use counts against, and whether it holds a GPU.</summary>
public sealed record KernelOwner(string UserId, string UserName, string OrganizationId, bool Gpu)
{
    /// <summary>No one (a kernel started outside any request; never matches a user).</summary>
    public static KernelOwner Nobody { get; } = new("", "", "", Gpu: false);
}
