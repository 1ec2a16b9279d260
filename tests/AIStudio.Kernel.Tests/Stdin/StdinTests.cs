using AIStudio.Kernel.Client.Connection;
using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Kernel.Tests.Stdin;

public sealed class StdinTests(KernelFixture fixture, ITestOutputHelper output) : IClassFixture<KernelFixture>, IDisposable
{
    private readonly IDisposable _log = fixture.AttachOutput(output);

    [Fact]
    public async Task Console_ReadLine_sends_input_request_on_stdin_and_the_cell_uses_the_answer()
    {
        var result = await fixture.Connection.RunOkAsync(
            "var name = Console.ReadLine(); Console.WriteLine(\"hello \" + name);",
            new ExecuteOptions { InputHandler = _ => "ada" });

        var request = Assert.Single(result.InputRequests);
        Assert.Equal(result.Request.Header.MessageId, request.ParentHeader?.MessageId);
        Assert.Equal("hello ada\n", result.Stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Each_ReadLine_gets_its_own_answer_in_order()
    {
        var answers = new Queue<string>(["first", "second"]);
        var result = await fixture.Connection.RunOkAsync(
            "var a = Console.ReadLine(); var b = Console.ReadLine(); a + \"|\" + b",
            new ExecuteOptions { InputHandler = _ => answers.Dequeue() });

        Assert.Equal(2, result.InputRequests.Count);
        Assert.Contains("first|second", result.ResultText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadLine_without_allow_stdin_does_not_hang_the_kernel()
    {
        var result = await fixture.Connection.RunAsync("var nothing = Console.ReadLine(); nothing ?? \"(null)\"", new ExecuteOptions { AllowStdin = false });

        Assert.Empty(result.InputRequests);
        await fixture.Connection.RunOkAsync("1 + 1");
    }

    public void Dispose() => _log.Dispose();
}
