namespace AIStudio.Extensions.Deploy;

/// <summary>
/// The hub this kernel deploys to: <c>AISTUDIO_HUB_URL</c> and <c>AISTUDIO_HUB_TOKEN</c> from the environment (a kernel
/// started by an AI Studio hub gets them), or <see cref="Connect"/> with an address and an API token.
/// </summary>
public static class Deploy
{
    private static readonly Lock Gate = new();
    private static DeployClient? _hub;

    /// <summary>The client for this kernel's hub; a clear error when the kernel was not started by one and none was connected.</summary>
    public static DeployClient Hub
    {
        get
        {
            lock (Gate)
            {
                if (_hub is not null)
                {
                    return _hub;
                }

                var url = Environment.GetEnvironmentVariable("AISTUDIO_HUB_URL");
                var token = Environment.GetEnvironmentVariable("AISTUDIO_HUB_TOKEN");
                if (string.IsNullOrWhiteSpace(url) || string.IsNullOrWhiteSpace(token) || !Uri.TryCreate(url, UriKind.Absolute, out var hub))
                {
                    throw new InvalidOperationException(
                        "This kernel does not know an AI Studio hub to deploy to (AISTUDIO_HUB_URL and AISTUDIO_HUB_TOKEN are not set). " +
                        "Call Deploy.Connect(new Uri(\"https://your-hub/\"), token) with an API token from the hub's Tokens page.");
                }

                return _hub = new DeployClient(hub, token);
            }
        }
    }

    /// <summary>Deploys to the hub at <paramref name="hub"/> with <paramref name="token"/> from now on.</summary>
    public static DeployClient Connect(Uri hub, string token)
    {
        var client = new DeployClient(hub, token);
        lock (Gate)
        {
            _hub?.Dispose();
            _hub = client;
        }

        return client;
    }
}
