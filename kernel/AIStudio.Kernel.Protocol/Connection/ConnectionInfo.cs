using System.Text.Json;
using System.Text.Json.Serialization;

namespace AIStudio.Kernel.Protocol.Connection;

/// <summary>A Jupyter connection file: where the five sockets listen and the key that signs messages.</summary>
public sealed record ConnectionInfo
{
    [JsonPropertyName("transport")]
    public string Transport { get; set; } = "tcp";

    [JsonPropertyName("ip")]
    public string IP { get; set; } = "127.0.0.1";

    [JsonPropertyName("shell_port")]
    public int ShellPort { get; init; }

    [JsonPropertyName("iopub_port")]
    public int IOPubPort { get; init; }

    [JsonPropertyName("stdin_port")]
    public int StdinPort { get; init; }

    [JsonPropertyName("control_port")]
    public int ControlPort { get; init; }

    [JsonPropertyName("hb_port")]
    public int HeartbeatPort { get; init; }

    [JsonPropertyName("key")]
    public string Key { get; set; } = "";

    [JsonPropertyName("signature_scheme")]
    public string SignatureScheme { get; set; } = MessageSigner.Scheme;

    [JsonPropertyName("kernel_name")]
    public string? KernelName { get; init; }

    /// <summary>The ZeroMQ endpoint of one port: tcp://ip:port, or ipc://ip-port as jupyter_client names IPC files.</summary>
    public string Endpoint(int port) => Transport == "ipc"
        ? $"ipc://{IP}-{port}"
        : $"{Transport}://{(IP.Contains(':', StringComparison.Ordinal) ? "[" + IP + "]" : IP)}:{port}";

    /// <summary>Parses the JSON of a connection file; throws <see cref="FormatException"/> with the reason when it is not one.</summary>
    public static ConnectionInfo Parse(string json)
    {
        ConnectionInfo? info;
        try
        {
            info = JsonSerializer.Deserialize(json, ProtocolJson.Default.ConnectionInfo);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The connection file is not valid JSON: {e.Message}", e);
        }

        if (info is null)
        {
            throw new FormatException("The connection file is empty (null).");
        }

        // The JSON may hold null where the model has no null (the serializer does not check): say so.
        if (NullMember(info) is { } nullMember)
        {
            throw new FormatException($"The connection file's {nullMember} is null.");
        }

        if (info.Transport is not ("tcp" or "ipc"))
        {
            throw new FormatException($"Unsupported transport '{info.Transport}': use tcp or ipc.");
        }

        if (info.SignatureScheme != MessageSigner.Scheme && !(info.Key.Length == 0 && info.SignatureScheme.Length == 0))
        {
            throw new FormatException($"Unsupported signature_scheme '{info.SignatureScheme}': only {MessageSigner.Scheme} is supported.");
        }

        int[] ports = [info.ShellPort, info.IOPubPort, info.StdinPort, info.ControlPort, info.HeartbeatPort];
        if (info.Transport == "tcp" && ports.Any(p => p is < 0 or > 65535))
        {
            throw new FormatException("A port in the connection file is out of range (0–65535).");
        }

        return info;
    }

    private static string? NullMember(ConnectionInfo info) =>
        info.Transport is null ? "transport"
        : info.IP is null ? "ip"
        : info.Key is null ? "key"
        : info.SignatureScheme is null ? "signature_scheme"
        : null;

    public string ToJson() => JsonSerializer.Serialize(this, ProtocolJson.Default.ConnectionInfo);
}
