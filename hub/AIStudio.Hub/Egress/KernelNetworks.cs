namespace AIStudio.Hub.Egress;

/// <summary>The names of <see cref="KernelNetwork"/>s as configuration, the API and pages write them.</summary>
public static class KernelNetworks
{
    /// <summary>The JSON and configuration name: <c>none</c>, <c>packages</c>, <c>full</c>.</summary>
    public static string Name(KernelNetwork network) => network switch
    {
        KernelNetwork.None => "none",
        KernelNetwork.Packages => "packages",
        _ => "full",
    };

    /// <summary>What it means to a user, for the plan panels.</summary>
    public static string Describe(KernelNetwork network) => network switch
    {
        KernelNetwork.None => "No network (packages from the cache only)",
        KernelNetwork.Packages => "Package feeds only (NuGet)",
        _ => "Internet",
    };

    /// <summary>
    /// A configured value: <c>full</c> (or <c>true</c>), <c>packages</c>, <c>none</c> (or <c>false</c>); an
    /// <see cref="InvalidOperationException"/> naming <paramref name="key"/> otherwise.
    /// </summary>
    public static KernelNetwork Parse(string? value, string key) => (value ?? "").Trim().ToLowerInvariant() switch
    {
        "full" or "true" => KernelNetwork.Full,
        "packages" => KernelNetwork.Packages,
        "none" or "false" => KernelNetwork.None,
        _ => throw new InvalidOperationException($"{key} is '{value}': use full (or true), packages, or none (or false)."),
    };

    /// <summary>The stricter of the two.</summary>
    public static KernelNetwork Strictest(KernelNetwork a, KernelNetwork b) => a < b ? a : b;
}
