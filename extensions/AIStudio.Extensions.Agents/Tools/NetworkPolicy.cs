namespace AIStudio.Extensions.Agents.Tools;

/// <summary>
/// Whether this kernel may reach the network: <c>AISTUDIO_NETWORK=none</c> (set by the hub for plans or sandboxes
/// without internet) forbids it; any other value, or none outside a hub, allows it.
/// </summary>
internal static class NetworkPolicy
{
    public const string Variable = "AISTUDIO_NETWORK";

    public static bool IsAllowed =>
        !string.Equals(Environment.GetEnvironmentVariable(Variable)?.Trim(), "none", StringComparison.OrdinalIgnoreCase);

    public static string RefusalMessage =>
        $"HTTP fetch is not allowed: this kernel has no network access ({Variable}=none, set by the hub for this plan or sandbox). " +
        "Use the datasets tool or data already in the notebook instead.";
}
