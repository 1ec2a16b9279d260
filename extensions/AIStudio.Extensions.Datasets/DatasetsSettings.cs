namespace AIStudio.Extensions.Datasets;

/// <summary>
/// Where the extension runs: whether the workspace's plan is commercial (it decides NC/ND licences), who the user is (for
/// provenance), and the clock. Unless set, <see cref="Commercial"/> and <see cref="User"/> read <c>AISTUDIO_COMMERCIAL</c>
/// ("true"/"1") and <c>AISTUDIO_USER</c> from the environment when asked: the hub sets them when it starts a kernel, or,
/// for a kernel started ahead of its user, once it hands the kernel over.
/// </summary>
public sealed class DatasetsSettings
{
    private bool? _commercial;
    private string? _user;

    public bool Commercial
    {
        get => _commercial ?? Environment.GetEnvironmentVariable("AISTUDIO_COMMERCIAL") is "1" or "true" or "True";
        set => _commercial = value;
    }

    public string User
    {
        get => _user ?? (Environment.GetEnvironmentVariable("AISTUDIO_USER") is { Length: > 0 } user ? user : Environment.UserName);
        set => _user = value;
    }

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The folder of the curated datasets; by default the <c>datasets</c> folder beside this assembly.</summary>
    public string CatalogDirectory { get; set; } = Path.Combine(Path.GetDirectoryName(typeof(DatasetsSettings).Assembly.Location) ?? AppContext.BaseDirectory, "datasets");
}
