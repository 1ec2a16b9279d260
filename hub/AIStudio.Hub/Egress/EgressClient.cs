namespace AIStudio.Hub.Egress;

/// <summary>Who is behind one of the egress proxy's listeners: the kernel and its user (for the log).</summary>
public sealed record EgressClient(string KernelId, string UserName);
