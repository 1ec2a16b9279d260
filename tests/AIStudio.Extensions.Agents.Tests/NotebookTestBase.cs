using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace AIStudio.Extensions.Agents.Tests;

/// <summary>
/// A real C# kernel in a CompositeKernel, as a notebook host builds one, with the extension loaded, and the scripted
/// OpenAI-compatible endpoint on loopback. Cells reach the endpoint through <c>Endpoint</c>, a variable the test sets.
/// </summary>
public abstract class NotebookTestBase : IAsyncLifetime
{
    /// <summary>The API key every test uses: it must never appear in anything the notebook shows.</summary>
    internal const string Key = "sk-SECRET-MARKER-8f3a2c71";

    private protected CompositeKernel Kernel { get; private set; } = null!;

    private protected ScriptedLlmServer Llm { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("AISTUDIO_HUB_URL", null);
        Environment.SetEnvironmentVariable("AISTUDIO_HUB_TOKEN", null);
        Environment.SetEnvironmentVariable("AISTUDIO_NETWORK", null);
        Agents.DisconnectHub();
        Formatter.SetPreferredMimeTypesFor(typeof(object), PlainTextFormatter.MimeType, HtmlFormatter.MimeType);
        var csharp = new CSharpKernel().UseKernelHelpers().UseValueSharing();
        csharp.AddAssemblyReferences(References.All);
        Kernel = new CompositeKernel { csharp };
        Kernel.DefaultKernelName = csharp.Name;
        AgentsExtension.Load(Kernel);
        Llm = await ScriptedLlmServer.StartAsync();
        await SucceedAsync($$"""
            using AIStudio.Extensions.Agents;
            var Endpoint = ModelEndpoint.OpenAICompatible(new Uri("{{Llm.BaseUrl}}"), "scripted-model", "{{Key}}", inputCostPerMillion: 2.5m, outputCostPerMillion: 10m);
            """);
    }

    public virtual async Task DisposeAsync()
    {
        Agents.DisconnectHub();
        Kernel.Dispose();
        await Llm.DisposeAsync();
    }

    private protected async Task<IReadOnlyList<KernelEvent>> SucceedAsync(string code)
    {
        var result = await Kernel.SendAsync(new SubmitCode(code));
        var failure = result.Events.OfType<CommandFailed>().FirstOrDefault();
        Assert.True(failure is null, failure?.Message);
        AssertNoKey(result.Events);
        return result.Events;
    }

    private protected async Task<CommandFailed> FailAsync(string code)
    {
        var result = await Kernel.SendAsync(new SubmitCode(code));
        AssertNoKey(result.Events);
        return Assert.Single(result.Events.OfType<CommandFailed>());
    }

    private protected async Task<object?> ValueAsync(string code)
    {
        var events = await SucceedAsync(code);
        return Assert.Single(events.OfType<ReturnValueProduced>()).Value;
    }

    /// <summary>The agent's transcript: its first display and its updates, all with the first one's id.</summary>
    private protected static (DisplayedValueProduced Shown, IReadOnlyList<DisplayedValueUpdated> Updates) Transcript(IReadOnlyList<KernelEvent> events)
    {
        var shown = Assert.Single(events.OfType<DisplayedValueProduced>(), e => Value(e, "text/html").Contains("aistudio-agent\"", StringComparison.Ordinal));
        var updates = events.OfType<DisplayedValueUpdated>().ToList();
        Assert.NotEmpty(updates);
        Assert.All(updates, u => Assert.Equal(shown.ValueId, u.ValueId));
        return (shown, updates);
    }

    private protected static string Value(DisplayEvent e, string mimeType) =>
        e.FormattedValues.FirstOrDefault(v => v.MimeType == mimeType)?.Value
        ?? throw new Xunit.Sdk.XunitException($"No {mimeType} among {string.Join(", ", e.FormattedValues.Select(v => v.MimeType))}.");

    /// <summary>Every text the notebook would show: displays, streams, results and failures.</summary>
    private protected static void AssertNoKey(IEnumerable<KernelEvent> events)
    {
        foreach (var e in events)
        {
            var texts = e switch
            {
                DisplayEvent d => d.FormattedValues.Select(v => v.Value).Append(d.Value?.ToString() ?? ""),
                CommandFailed f => [f.Message, f.Exception?.ToString() ?? ""],
                _ => [],
            };
            foreach (var text in texts)
            {
                Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
            }
        }
    }
}
