using AIStudio.Kernel.Protocol.Connection;

namespace AIStudio.Kernel.Protocol.Tests;

public sealed class ConnectionInfoTests
{
    // Written by jupyter_client 7.4.9: write_connection_file(ip="127.0.0.1", key=b"...", shell_port=50001, ...,
    // kernel_name="aistudio-csharp"), verbatim.
    private const string JupyterClientFile = """
        {
          "shell_port": 50001,
          "iopub_port": 50002,
          "stdin_port": 50003,
          "control_port": 50004,
          "hb_port": 50005,
          "ip": "127.0.0.1",
          "key": "a7d3c6e2-1b4f-4e9a-8c5d-2f6e7a8b9c0d",
          "transport": "tcp",
          "signature_scheme": "hmac-sha256",
          "kernel_name": "aistudio-csharp"
        }
        """;

    [Fact]
    public void Parses_a_connection_file_written_by_jupyter_client()
    {
        var info = ConnectionInfo.Parse(JupyterClientFile);

        Assert.Equal(
            new ConnectionInfo
            {
                Transport = "tcp",
                IP = "127.0.0.1",
                ShellPort = 50001,
                IOPubPort = 50002,
                StdinPort = 50003,
                ControlPort = 50004,
                HeartbeatPort = 50005,
                Key = "a7d3c6e2-1b4f-4e9a-8c5d-2f6e7a8b9c0d",
                SignatureScheme = "hmac-sha256",
                KernelName = "aistudio-csharp",
            },
            info);
        Assert.Equal("tcp://127.0.0.1:50001", info.Endpoint(info.ShellPort));
        Assert.Equal("tcp://127.0.0.1:50005", info.Endpoint(info.HeartbeatPort));
    }

    [Fact]
    public void ToJson_round_trips_with_jupyter_names()
    {
        var info = ConnectionInfo.Parse(JupyterClientFile);
        var json = info.ToJson();

        foreach (var name in new[] { "shell_port", "iopub_port", "stdin_port", "control_port", "hb_port", "ip", "key", "transport", "signature_scheme", "kernel_name" })
        {
            Assert.Contains($"\"{name}\":", json, StringComparison.Ordinal);
        }

        Assert.Equal(info, ConnectionInfo.Parse(json));
    }

    [Fact]
    public void Endpoint_brackets_ipv6_addresses()
    {
        var info = new ConnectionInfo { IP = "::1" };
        Assert.Equal("tcp://[::1]:5555", info.Endpoint(5555));
        Assert.Equal("tcp://[fe80::1%eth0]:1", (info with { IP = "fe80::1%eth0" }).Endpoint(1));
    }

    [Fact]
    public void Endpoint_of_ipc_names_files_as_jupyter_client_does()
    {
        var info = new ConnectionInfo { Transport = "ipc", IP = "kernel-abc" };
        Assert.Equal("ipc://kernel-abc-3", info.Endpoint(3));
    }

    [Fact]
    public void Missing_key_and_scheme_mean_unsigned_tcp_on_loopback()
    {
        var info = ConnectionInfo.Parse("""{"shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5}""");
        Assert.Equal("tcp", info.Transport);
        Assert.Equal("127.0.0.1", info.IP);
        Assert.Equal("", info.Key);
        Assert.Equal("hmac-sha256", info.SignatureScheme);
        Assert.Null(info.KernelName);
    }

    [Theory]
    [InlineData("{ \"shell_port\": ", "not valid JSON")]
    [InlineData("[1, 2]", "not valid JSON")]
    [InlineData("{\"shell_port\": \"many\"}", "not valid JSON")]
    [InlineData("null", "empty")]
    [InlineData("{\"transport\": \"udp\"}", "transport 'udp'")]
    [InlineData("{\"transport\": \"TCP\"}", "transport 'TCP'")]
    [InlineData("{\"key\": \"k\", \"signature_scheme\": \"hmac-md5\"}", "signature_scheme 'hmac-md5'")]
    [InlineData("{\"key\": \"k\", \"signature_scheme\": \"\"}", "signature_scheme")]
    [InlineData("{\"shell_port\": 65536}", "out of range")]
    [InlineData("{\"hb_port\": -1}", "out of range")]
    [InlineData("{\"key\": null}", "key")]
    [InlineData("{\"ip\": null}", "ip")]
    [InlineData("{\"transport\": null}", "transport")]
    [InlineData("{\"signature_scheme\": null}", "signature_scheme")]
    public void Rejects_what_is_not_a_connection_file(string json, string reason)
    {
        var e = Assert.Throws<FormatException>(() => ConnectionInfo.Parse(json));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_scheme_is_accepted_when_signing_is_off()
    {
        var info = ConnectionInfo.Parse("""{"key": "", "signature_scheme": ""}""");
        Assert.Equal("", info.SignatureScheme);
    }

    [Fact]
    public void Port_zero_and_65535_are_in_range()
    {
        var info = ConnectionInfo.Parse("""{"shell_port": 0, "hb_port": 65535}""");
        Assert.Equal(65535, info.HeartbeatPort);
    }
}
