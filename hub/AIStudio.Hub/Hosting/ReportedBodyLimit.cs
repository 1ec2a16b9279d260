using Microsoft.AspNetCore.Http.Features;

namespace AIStudio.Hub.Hosting;

/// <summary>
/// The body limit a route had before <see cref="OversizedBodyDrain"/> took it over: what the code that names the limit in
/// its 413 reads. It cannot be changed any more, as Kestrel's own cannot once the body is being read.
/// </summary>
internal sealed class ReportedBodyLimit(long limit) : IHttpMaxRequestBodySizeFeature
{
    public bool IsReadOnly => true;

    public long? MaxRequestBodySize
    {
        get => limit;
        set => throw new InvalidOperationException("The request body limit cannot be changed once the body is being read.");
    }
}
