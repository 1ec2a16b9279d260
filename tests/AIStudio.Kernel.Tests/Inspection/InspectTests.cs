using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Kernel.Tests.Inspection;

public sealed class InspectTests(KernelFixture fixture, ITestOutputHelper output) : IClassFixture<KernelFixture>, IDisposable
{
    private readonly IDisposable _log = fixture.AttachOutput(output);

    [Fact]
    public async Task Inspecting_Console_WriteLine_finds_its_documentation()
    {
        const string code = "Console.WriteLine(\"x\");";
        using var timeout = Timeouts.After(Timeouts.FirstExecute);

        var reply = await fixture.Connection.InspectAsync(code, "Console.WriteLi".Length, cancellationToken: timeout.Token);

        Assert.Equal("ok", reply.Status);
        Assert.True(reply.Found, "inspect of Console.WriteLine should find it.");
        Assert.True(reply.Data.ContainsKey("text/plain") || reply.Data.ContainsKey("text/markdown"), "inspect data needs text/plain or text/markdown.");
        Assert.Contains("WriteLine", reply.Data.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspecting_an_unknown_name_is_ok_and_not_found()
    {
        const string code = "qwertyNothingHere";
        using var timeout = Timeouts.After(Timeouts.FirstExecute);

        var reply = await fixture.Connection.InspectAsync(code, code.Length, cancellationToken: timeout.Token);

        Assert.Equal("ok", reply.Status);
        Assert.False(reply.Found);
    }

    public void Dispose() => _log.Dispose();
}
