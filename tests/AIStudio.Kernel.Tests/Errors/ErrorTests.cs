using System.Text.RegularExpressions;
using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Kernel.Tests.Errors;

public sealed partial class ErrorTests(KernelFixture fixture, ITestOutputHelper output) : IClassFixture<KernelFixture>, IDisposable
{
    private readonly IDisposable _log = fixture.AttachOutput(output);

    [Fact]
    public async Task A_compile_error_replies_error_naming_the_diagnostic_line_and_column()
    {
        var result = await fixture.Connection.RunAsync("var fine = 1;\nint broken = \"text\";");

        Assert.Equal("error", result.Status);
        Assert.False(string.IsNullOrEmpty(result.ReplyContent.ExceptionName));
        var text = result.ReplyContent.ExceptionValue + "\n" + string.Join("\n", result.ReplyContent.Traceback ?? []);
        Assert.Contains("CS0029", text, StringComparison.Ordinal);
        Assert.True(LineTwo().IsMatch(text), $"The error should name line 2 and its column:\n{text}");
        var published = Assert.Single(result.Errors);
        Assert.Equal(result.ReplyContent.ExceptionName, published.ExceptionName);
        Assert.Null(result.Result);
    }

    [Fact]
    public async Task A_runtime_exception_replies_error_whose_ename_is_the_exception_type()
    {
        var result = await fixture.Connection.RunAsync("Console.WriteLine(\"before\");\nthrow new System.InvalidOperationException(\"boom\");");

        Assert.Equal("error", result.Status);
        Assert.EndsWith("InvalidOperationException", result.ReplyContent.ExceptionName, StringComparison.Ordinal);
        Assert.Contains("boom", result.ReplyContent.ExceptionValue, StringComparison.Ordinal);
        Assert.NotEmpty(result.ReplyContent.Traceback ?? []);
        var published = Assert.Single(result.Errors);
        Assert.Equal(result.ReplyContent.ExceptionName, published.ExceptionName);
        Assert.Equal("before\n", result.Stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task An_exception_thrown_deep_in_user_code_is_reported_and_the_kernel_goes_on()
    {
        await fixture.Connection.RunOkAsync("int Divide(int a, int b) => a / b;");
        var result = await fixture.Connection.RunAsync("Divide(1, 0)");

        Assert.Equal("error", result.Status);
        Assert.EndsWith("DivideByZeroException", result.ReplyContent.ExceptionName, StringComparison.Ordinal);
        var next = await fixture.Connection.RunOkAsync("Divide(6, 3)");
        Assert.Equal("2", next.ResultText);
    }

    // "(2,14)" as Roslyn writes positions, or "line 2" in words.
    [GeneratedRegex(@"\(2,\s*\d+\)|line 2\b", RegexOptions.IgnoreCase)]
    private static partial Regex LineTwo();

    public void Dispose() => _log.Dispose();
}
