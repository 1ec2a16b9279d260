using System.Text.Json;

namespace AIStudio.FunctionHost;

/// <summary>
/// Where to listen and the key the hub sends, from the connection file the hub's launcher wrote (a kernel's, 0600): its
/// <c>ip</c> and <c>shell_port</c>, and its <c>key</c>. Inside a sandbox without network (where the launcher sets
/// <see cref="SocketDirectoryVariable"/>) the host listens on <c>shell.sock</c> in that folder instead, which the
/// launcher relays to the same port on the hub's loopback.
/// </summary>
public sealed record HostConnection(string IP, int Port, string Key, string? UnixSocket)
{
    /// <summary>As AIStudio.Kernel.Protocol's KernelSocketRelays names it.</summary>
    public const string SocketDirectoryVariable = "AISTUDIO_KERNEL_SOCKET_DIR";

    public static HostConnection Read(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var root = json.RootElement;
        var sockets = Environment.GetEnvironmentVariable(SocketDirectoryVariable);
        return new HostConnection(
            root.GetProperty("ip").GetString() ?? "127.0.0.1",
            root.GetProperty("shell_port").GetInt32(),
            root.GetProperty("key").GetString() is { Length: >= 32 } key ? key : throw new InvalidDataException("The connection file has no key of 32 characters or more."),
            string.IsNullOrEmpty(sockets) ? null : Path.Combine(sockets, "shell.sock"));
    }
}
