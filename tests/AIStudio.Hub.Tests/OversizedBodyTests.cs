using System.Net.Sockets;
using System.Text;
using AIStudio.TestKit;

namespace AIStudio.Hub.Tests;

/// <summary>
/// A body over the limit, sent whole by a client that does not wait for <c>100 Continue</c> (browsers, most HTTP
/// libraries): the client gets the 413 and its message, not a reset, and the connection stays usable.
/// </summary>
[Collection(HubTests.Name)]
public sealed class OversizedBodyTests(HubFixture hub)
{
    [Fact]
    public async Task An_oversized_upload_sent_whole_gets_its_413_and_the_connection_serves_the_next_request()
    {
        const int size = 40 * 1024 * 1024; // over the hub's 30 MB request limit
        using var deadline = Timeouts.After(TimeSpan.FromSeconds(60));
        using var client = new TcpClient();
        await client.ConnectAsync(hub.BaseAddress.Host, hub.BaseAddress.Port, deadline.Token);
        var stream = client.GetStream();
        var head = $"PUT /api/contents/oversized.txt HTTP/1.1\r\nHost: {hub.BaseAddress.Authority}\r\nAuthorization: token {HubFixture.Token}\r\n" +
            $"Content-Type: application/json\r\nContent-Length: {size}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), deadline.Token);
        var prefix = Encoding.ASCII.GetBytes("{\"type\": \"file\", \"format\": \"text\", \"content\": \"");
        var chunk = new byte[1024 * 1024];
        Array.Fill(chunk, (byte)'a');
        await stream.WriteAsync(prefix, deadline.Token);
        for (var sent = prefix.Length; sent < size; sent += chunk.Length)
        {
            // Without the hub reading the rest of a refused body, these writes end in a broken pipe or a reset.
            await stream.WriteAsync(chunk.AsMemory(0, Math.Min(chunk.Length, size - sent)), deadline.Token);
        }

        var (status, body) = await ReadResponseAsync(stream, deadline.Token);
        Assert.Equal(413, status);
        Assert.Contains("larger than the hub accepts", body, StringComparison.Ordinal);

        var next = $"GET /api/status HTTP/1.1\r\nHost: {hub.BaseAddress.Authority}\r\nAuthorization: token {HubFixture.Token}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(next), deadline.Token);
        var (nextStatus, nextBody) = await ReadResponseAsync(stream, deadline.Token);
        Assert.Equal(200, nextStatus);
        Assert.Contains("\"connections\"", nextBody, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(hub.ContentsDirectoryOf("admin"), "oversized.txt")));
    }

    [Fact]
    public async Task A_route_that_takes_more_than_the_hub_wide_limit_still_reads_a_body_over_it()
    {
        // Deployment versions take models up to 100 MB: a 40 MB upload (over the hub-wide 30 MB) is read whole and
        // judged on its content (not a model: 400), not refused for its size.
        using var owner = await hub.CreateUserAsync(Http.Unique("big"), new { plan = "professional" });
        var notAModel = new byte[40 * 1024 * 1024];
        using var upload = await DeploymentForm.UploadAsync(owner.Client, "forty-megabytes", notAModel, fileName: "big.onnx");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, upload.StatusCode);
        Assert.Contains("'big.onnx' is not an ONNX model ONNX Runtime can load:", await upload.MessageAsync(), StringComparison.Ordinal);
    }

    /// <summary>One HTTP/1.1 response with a Content-Length body: its status and body.</summary>
    private static async Task<(int Status, string Body)> ReadResponseAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var received = new List<byte>();
        var one = new byte[1];
        while (received.Count < 4 || !(received[^4] == '\r' && received[^3] == '\n' && received[^2] == '\r' && received[^1] == '\n'))
        {
            Assert.True(await stream.ReadAsync(one, cancellationToken) == 1, "The connection closed before the response's headers: " + Encoding.ASCII.GetString([.. received]));
            received.Add(one[0]);
        }

        var headers = Encoding.ASCII.GetString([.. received]);
        var status = int.Parse(headers.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        var lines = headers.Split("\r\n");
        if (lines.FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) is { } lengthLine)
        {
            var whole = new byte[int.Parse(lengthLine[15..].Trim(), System.Globalization.CultureInfo.InvariantCulture)];
            await stream.ReadExactlyAsync(whole, cancellationToken);
            return (status, Encoding.UTF8.GetString(whole));
        }

        Assert.Contains(lines, l => l.Equals("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase));
        var body = new List<byte>();
        while (true)
        {
            var size = Convert.ToInt32(await ReadLineAsync(stream, cancellationToken), 16);
            var part = new byte[size + 2];
            await stream.ReadExactlyAsync(part, cancellationToken);
            if (size == 0)
            {
                break;
            }

            body.AddRange(part[..size]);
        }

        return (status, Encoding.UTF8.GetString([.. body]));
    }

    private static async Task<string> ReadLineAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var line = new List<byte>();
        var one = new byte[1];
        while (line.Count < 2 || line[^2] != '\r' || line[^1] != '\n')
        {
            Assert.True(await stream.ReadAsync(one, cancellationToken) == 1, "The connection closed inside a chunked body.");
            line.Add(one[0]);
        }

        return Encoding.ASCII.GetString([.. line])[..^2];
    }
}
