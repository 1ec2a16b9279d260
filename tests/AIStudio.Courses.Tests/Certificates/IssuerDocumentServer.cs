using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AIStudio.Courses.Tests.Certificates;

/// <summary>A real HTTP server on 127.0.0.1 that serves one document at one path (the issuer's profile with its keys) and 404 elsewhere.</summary>
internal sealed class IssuerDocumentServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private int _requests;

    public IssuerDocumentServer(string path, Func<string> document)
    {
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(BaseUrl + "/");
        _listener.Start();
        _serving = ServeAsync(path, document);
    }

    public string BaseUrl { get; }

    public int Requests => Volatile.Read(ref _requests);

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _serving;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync(string path, Func<string> document)
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            Interlocked.Increment(ref _requests);
            var found = context.Request.Url!.AbsolutePath == path;
            var body = Encoding.UTF8.GetBytes(found ? document() : "not found");
            context.Response.StatusCode = found ? 200 : 404;
            context.Response.ContentType = found ? "application/json" : "text/plain";
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
