namespace AIStudio.Hub.Secrets;

/// <summary>The uses of <see cref="Secret"/>s; each is its own Data Protection purpose.</summary>
public static class SecretPurposes
{
    /// <summary>The API key of a model endpoint (<see cref="ModelEndpoints.ModelEndpoint"/>).</summary>
    public const string ModelEndpointKey = "model-endpoint-key";
}
