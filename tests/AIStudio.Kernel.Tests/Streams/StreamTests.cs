using System.Text;
using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Kernel.Tests.Streams;

public sealed class StreamTests(KernelFixture fixture, ITestOutputHelper output) : IClassFixture<KernelFixture>, IDisposable
{
    private readonly IDisposable _log = fixture.AttachOutput(output);

    [Fact]
    public async Task Stdout_and_stderr_arrive_as_stream_messages_by_name()
    {
        var result = await fixture.Connection.RunOkAsync("Console.Write(\"a\"); Console.Error.Write(\"b\"); Console.WriteLine(\"c\"); Console.Error.WriteLine(\"d\");");

        Assert.Equal("ac\n", result.Stdout.ReplaceLineEndings("\n"));
        Assert.Equal("bd\n", result.Stderr.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Ten_thousand_small_writes_arrive_batched_complete_and_in_order()
    {
        var result = await fixture.Connection.RunOkAsync("for (var i = 0; i < 10000; i++) { Console.Write(i); Console.Write(','); }");

        var expected = new StringBuilder();
        for (var i = 0; i < 10000; i++)
        {
            expected.Append(i).Append(',');
        }

        Assert.Equal(expected.ToString(), result.Stdout);
        output.WriteLine($"20,000 writes arrived in {result.StreamMessageCount} stream messages.");
        Assert.True(result.StreamMessageCount <= 200, $"Expected the writes batched into few messages, got {result.StreamMessageCount}.");
    }

    [Fact]
    public async Task Output_of_one_cell_does_not_leak_into_the_next()
    {
        await fixture.Connection.RunOkAsync("Console.Write(\"first cell\");");
        var second = await fixture.Connection.RunOkAsync("Console.Write(\"second cell\");");

        Assert.Equal("second cell", second.Stdout);
    }

    public void Dispose() => _log.Dispose();
}
