using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Kernel.Tests.Execute;

/// <summary><c>#!set-env</c>: environment variables set and removed without a compile (the hub hands warm kernels their owner's with it).</summary>
public sealed class SetEnvironmentTests(KernelFixture fixture, ITestOutputHelper output) : IClassFixture<KernelFixture>, IDisposable
{
    private readonly IDisposable _log = fixture.AttachOutput(output);

    [Fact]
    public async Task Set_env_sets_a_value_with_quotes_and_spaces_and_without_a_value_removes_it()
    {
        const string value = "a \"quoted\" value with spaces and a \\ backslash";

        await fixture.Connection.RunOkAsync($"#!set-env --name AISTUDIO_SET_ENV_TEST --value {DirectiveArgument.Quote(value)}\n#!set-env --name AISTUDIO_SET_ENV_OTHER --value plain");
        var read = await fixture.Connection.RunOkAsync("System.Environment.GetEnvironmentVariable(\"AISTUDIO_SET_ENV_TEST\") + \"|\" + System.Environment.GetEnvironmentVariable(\"AISTUDIO_SET_ENV_OTHER\")");
        Assert.Equal(value + "|plain", read.ResultText);

        await fixture.Connection.RunOkAsync("#!set-env --name AISTUDIO_SET_ENV_TEST");
        var removed = await fixture.Connection.RunOkAsync("System.Environment.GetEnvironmentVariable(\"AISTUDIO_SET_ENV_TEST\") is null");
        Assert.Equal("True", removed.ResultText);
    }

    [Fact]
    public async Task Set_env_with_a_name_holding_an_equals_sign_is_an_error_that_names_it()
    {
        var result = await fixture.Connection.RunAsync("#!set-env --name A=B --value c");

        Assert.Equal("error", result.Status);
        Assert.Contains("'A=B' is not an environment variable's name", result.ReplyContent.ExceptionValue + string.Join("\n", result.ReplyContent.Traceback ?? []), StringComparison.Ordinal);
    }

    public void Dispose() => _log.Dispose();
}
