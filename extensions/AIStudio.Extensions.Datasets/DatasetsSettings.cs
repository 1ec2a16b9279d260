namespace AIStudio.Extensions.Datasets;

/// <summary>
/// Where the extension runs: whether the workspace's plan is commercial (it decides NC/ND licences), who the user is (for
/// provenance), and the clock. The kernel host sets these at start; the defaults read <c>AISTUDIO_COMMERCIAL</c>
/// ("true"/"1") and <c>AISTUDIO_USER</c> from the environment.
/// </summary>
public sealed class DatasetsSettings
{
    public bool Commercial { get; set; } = Environment.GetEnvironmentVariable("AISTUDIO_COMMERCIAL") is "1" or "true" or "True";

    public string User { get; set; } = Environment.GetEnvironmentVariable("AISTUDIO_USER") is { Length: > 0 } user ? user : Environment.UserName;

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The folder of the curated datasets; by default the <c>datasets</c> folder beside this assembly.</summary>
    public string CatalogDirectory { get; set; } = Path.Combine(Path.GetDirectoryName(typeof(DatasetsSettings).Assembly.Location) ?? AppContext.BaseDirectory, "datasets");
}
