namespace AIStudio.Hub.Sessions;

/// <summary>A session: a document (path, name, type) bound to a kernel.</summary>
public sealed record Session(string Id, string OwnerId, string Path, string Name, string Type, string KernelId);
