using System.Net;

namespace AIStudio.Extensions.Deploy;

/// <summary>The hub refused a deployment request; the message is the hub's own, with the HTTP status.</summary>
public sealed class DeployException(HttpStatusCode status, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
}
