using AIStudio.Kernel.Client.Launching;

namespace AIStudio.Kernel.Tests.Client;

/// <summary>What a launched kernel takes from its launcher's environment (the launch itself: LocalProcessLauncherTests).</summary>
public sealed class InheritedEnvironmentTests
{
    [Fact]
    public void The_launchers_inline_socket_completions_stay_with_the_launcher_while_other_runtime_settings_pass()
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"] = "1",
            ["DOTNET_gcServer"] = "0",
            ["PATH"] = "/usr/bin",
            ["AISTUDIO_ADMIN_TOKEN"] = "secret",
        };

        InheritedEnvironment.Filter(environment);

        Assert.Equal(["DOTNET_gcServer", "PATH"], environment.Keys.Order(StringComparer.Ordinal));
        Assert.False(InheritedEnvironment.Passes("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"));
        Assert.True(InheritedEnvironment.Passes("DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT"));
    }
}
