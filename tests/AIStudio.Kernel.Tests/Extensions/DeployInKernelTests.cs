using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Kernel.Tests.Extensions;

/// <summary>
/// The Deploy extension, preloaded by aistudio-kernel: <c>#!deploy</c> exists with its help, and a kernel that no hub
/// started says how to connect one instead of failing obscurely. (Publishing through a real hub is tested in the hub's
/// tests, with the same client.)
/// </summary>
public sealed class DeployInKernelTests(KernelFixture fixture, ITestOutputHelper output) : IClassFixture<KernelFixture>, IDisposable
{
    private readonly IDisposable _log = fixture.AttachOutput(output);

    [Fact]
    public async Task Deploy_without_a_hub_fails_the_cell_with_how_to_connect()
    {
        var result = await fixture.Connection.RunAsync("#!deploy iris --onnx iris.onnx");

        Assert.Equal("error", result.Status);
        Assert.Contains("Deploy.Connect", result.ReplyContent.ExceptionValue ?? result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_function_without_a_hub_fails_the_cell_with_how_to_connect()
    {
        var result = await fixture.Connection.RunAsync("#!deploy adder --function\npublic static class Adder { public static int Predict(int x) => x + 1; }");

        Assert.Equal("error", result.Status);
        Assert.Contains("Deploy.Connect", result.ReplyContent.ExceptionValue ?? result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_with_nothing_to_publish_says_what_to_give()
    {
        var result = await fixture.Connection.RunAsync("#!deploy adder");

        Assert.Equal("error", result.Status);
        Assert.Contains("--onnx PATH, or --function", result.ReplyContent.ExceptionValue ?? result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_deploy_API_is_imported_in_every_cell()
    {
        var result = await fixture.Connection.RunOkAsync("typeof(Deploy).FullName");

        Assert.Equal("AIStudio.Extensions.Deploy.Deploy", result.ResultText);
    }

    public void Dispose() => _log.Dispose();
}
