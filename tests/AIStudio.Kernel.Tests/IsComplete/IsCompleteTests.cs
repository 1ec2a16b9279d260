using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Kernel.Tests.IsComplete;

public sealed class IsCompleteTests(KernelFixture fixture, ITestOutputHelper output) : IClassFixture<KernelFixture>, IDisposable
{
    private readonly IDisposable _log = fixture.AttachOutput(output);

    [Theory]
    [InlineData("var x = 1;", "complete")]
    [InlineData("1 + 1", "complete")]
    [InlineData("Console.WriteLine(\"done\");", "complete")]
    [InlineData("if (true) {", "incomplete")]
    [InlineData("Console.WriteLine(", "incomplete")]
    [InlineData("var s = \"\"\"\nraw", "incomplete")]
    [InlineData("var x = 1; }", "invalid")]
    public async Task Is_complete_classifies_code(string code, string expected)
    {
        using var timeout = Timeouts.After(Timeouts.FirstExecute);

        var reply = await fixture.Connection.IsCompleteAsync(code, timeout.Token);

        Assert.Equal(expected, reply.Status);
        if (expected == "incomplete")
        {
            Assert.NotNull(reply.Indent);
        }
    }

    public void Dispose() => _log.Dispose();
}
