using System.Text.Json;
using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Kernel.Tests.Display;

public sealed class DisplayTests(KernelFixture fixture, ITestOutputHelper output) : IClassFixture<KernelFixture>, IDisposable
{
    private readonly IDisposable _log = fixture.AttachOutput(output);

    [Fact]
    public async Task Display_publishes_display_data_with_an_id_and_Update_publishes_update_display_data_with_the_same_id()
    {
        var result = await fixture.Connection.RunOkAsync("var progress = display(\"step one\"); progress.Update(\"step two\");");

        var shown = Assert.Single(result.Displays);
        var id = shown.Transient?.DisplayId;
        Assert.False(string.IsNullOrEmpty(id), "display_data must carry transient.display_id.");
        Assert.Contains("step one", shown.Data.AllText(), StringComparison.Ordinal);
        var update = Assert.Single(result.DisplayUpdates);
        Assert.Equal(id, update.Transient.DisplayId);
        Assert.Contains("step two", update.Data.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_display_is_updated_from_a_later_cell_under_the_same_id()
    {
        var first = await fixture.Connection.RunOkAsync("var laterHandle = display(\"before\");");
        var second = await fixture.Connection.RunOkAsync("laterHandle.Update(\"after\");");

        var id = Assert.Single(first.Displays).Transient?.DisplayId;
        var update = Assert.Single(second.DisplayUpdates);
        Assert.Equal(id, update.Transient.DisplayId);
        Assert.Contains("after", update.Data.AllText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1 + 1", "2")]
    [InlineData("\"some text\"", "some text")]
    [InlineData("new System.Collections.Generic.List<int> { 1, 2, 3 }", "1")]
    [InlineData("new { Name = \"Ada\", Year = 1815 }", "Ada")]
    [InlineData("new System.Exception(\"as a value\")", "as a value")]
    public async Task Execute_result_always_has_text_plain(string code, string expectedInText)
    {
        var result = await fixture.Connection.RunOkAsync(code);

        Assert.NotNull(result.Result);
        var text = result.Result.Data.PlainText();
        Assert.False(string.IsNullOrEmpty(text), $"execute_result of {code} has no text/plain: {JsonSerializer.Serialize(result.Result.Data.Keys)}");
        Assert.Contains(expectedInText, text, StringComparison.Ordinal);
        foreach (var display in result.Displays)
        {
            Assert.NotNull(display.Data.PlainText());
        }
    }

    [Fact]
    public async Task A_statement_has_no_execute_result()
    {
        var result = await fixture.Connection.RunOkAsync("var noResult = 1;");

        Assert.Null(result.Result);
    }

    [Theory]
    [InlineData("ClearOutput();", false)]
    [InlineData("ClearOutput(wait: true);", true)]
    public async Task ClearOutput_publishes_clear_output(string code, bool wait)
    {
        var result = await fixture.Connection.RunOkAsync("Console.WriteLine(\"to be cleared\"); " + code);

        var clear = Assert.Single(result.ClearOutputs);
        Assert.Equal(wait, clear.Wait);
    }

    [Fact]
    public async Task Page_adds_a_page_payload_to_execute_reply()
    {
        var result = await fixture.Connection.RunOkAsync("Page(\"paged text\");");

        var payload = Assert.Single(result.ReplyContent.Payload ?? []);
        Assert.Equal("page", payload.GetProperty("source").GetString());
        Assert.Contains("paged text", payload.GetProperty("data").GetProperty("text/plain").GetString(), StringComparison.Ordinal);
    }

    public void Dispose() => _log.Dispose();
}
