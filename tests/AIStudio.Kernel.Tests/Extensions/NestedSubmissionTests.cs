using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Kernel.Tests.Extensions;

/// <summary>
/// Code a cell submits to the kernel itself, as extensions do (the Agents extension's C# tool): what it prints comes back
/// to its sender as the submission's events, as with the stock C# kernel, rather than only into the cell's stream.
/// </summary>
public sealed class NestedSubmissionTests(KernelFixture fixture, ITestOutputHelper output) : IClassFixture<KernelFixture>, IDisposable
{
    private readonly IDisposable _log = fixture.AttachOutput(output);

    [Fact]
    public async Task What_a_nested_submission_prints_and_its_failure_are_its_senders_and_the_cell_goes_on()
    {
        var result = await fixture.Connection.RunOkAsync("""
            using Microsoft.DotNet.Interactive;
            using Microsoft.DotNet.Interactive.Commands;
            using Microsoft.DotNet.Interactive.Events;
            Console.WriteLine("outer before");
            var root = KernelInvocationContext.Current.HandlingKernel.RootKernel;
            var inner = await root.SendAsync(new SubmitCode("Console.WriteLine(\"inner \" + (6 * 7)); Console.Error.WriteLine(\"inner error\");", "csharp"));
            var failed = await root.SendAsync(new SubmitCode("throw new InvalidOperationException(\"nested boom\");", "csharp"));
            Console.WriteLine("outer after " + failed.Events.OfType<CommandFailed>().Single().Message.Contains("nested boom"));
            string.Join("|", inner.Events.OfType<StandardOutputValueProduced>().Select(e => e.FormattedValues.First().Value.Trim()))
                + "/" + string.Join("|", inner.Events.OfType<StandardErrorValueProduced>().Select(e => e.FormattedValues.First().Value.Trim()))
            """);

        Assert.Equal("inner 42/inner error", result.ResultText);
        var stdout = result.Stdout;
        Assert.Contains("outer before", stdout, StringComparison.Ordinal);
        // The nested failure is its sender's: the cell went on and succeeded (RunOkAsync), with its own result.
        Assert.Contains("outer after True", stdout, StringComparison.Ordinal);
    }

    public void Dispose() => _log.Dispose();
}
