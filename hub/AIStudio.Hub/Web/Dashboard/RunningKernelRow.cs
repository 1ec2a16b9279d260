namespace AIStudio.Hub.Web.Dashboard;

/// <summary>One running kernel on the dashboard: what runs it, for which notebook, and since when.</summary>
public sealed record RunningKernelRow(string Id, string DisplayName, string? NotebookPath, string State, DateTimeOffset StartedAt, int Connections);
