using System.Reactive.Linq;
using AIStudio.Kernel.Hosting;
using AIStudio.Kernel.Output;
using AIStudio.Kernel.Scripting;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace AIStudio.Kernel.Engine;

/// <summary>
/// The C# engine on .NET Interactive: a <see cref="CompositeKernel"/> (formatters, directives such as <c>#r "nuget:"</c>
/// and <c>#!time</c>, extension loading) whose C# kernel is our <see cref="ScriptingCSharpKernel"/> (or, for comparison,
/// .NET Interactive's own), plus the notebook helpers of <see cref="KernelApi"/>. Every .NET Interactive type stays
/// behind <see cref="ICodeEngine"/>.
/// </summary>
internal sealed class DotNetInteractiveEngine : ICodeEngine
{
    private readonly KernelLog _log;
    private readonly Lazy<Task<CompositeKernel>> _kernel;
    private readonly Lazy<Task<CompositeKernel>> _warm;
    private readonly CellInterrupter _interrupter;
    private readonly EngineOptions _options;
    private ActiveCell? _active;
    private Task _compilerWarmUp = Task.CompletedTask;
    private IDisposable? _subscription;

    public DotNetInteractiveEngine(KernelLog log, EngineOptions options)
    {
        _log = log;
        _options = options;
        _kernel = new Lazy<Task<CompositeKernel>>(() => Task.Run(CreateKernel), LazyThreadSafetyMode.ExecutionAndPublication);
        _warm = new Lazy<Task<CompositeKernel>>(() => Task.Run(RunFirstSubmissionAsync), LazyThreadSafetyMode.ExecutionAndPublication);
        _interrupter = new CellInterrupter(log, options.InterruptGracePeriod);
    }

    /// <summary>Builds the engine and runs a first submission; cells wait for it, so its output never mixes with theirs.</summary>
    public Task WarmUpAsync(CancellationToken cancellationToken) => _warm.Value.WaitAsync(cancellationToken);

    public async Task<ExecutionOutcome> ExecuteAsync(string code, IOutputSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(sink);
        var kernel = await _warm.Value.ConfigureAwait(false);
        if (_interrupter.RefuseWhileBusy() is { } refused)
        {
            return refused;
        }

        // Our C# kernel's own directives in their plainest form (how the hub moves a warm kernel to its owner) run at
        // once; anything else, and such a cell that fails, goes through .NET Interactive.
        if (!_options.UseDotNetInteractiveCSharpKernel && DirectiveCell.TryParse(code) is { } directives && directives.TryRun())
        {
            return ExecutionOutcome.Success(null);
        }

        var rewritten = CellRewriter.Rewrite(code);
        using var cell = new ActiveCell(code, rewritten, sink);
        CellRuntime.InterruptRequested = false;
        CellRuntime.Entered = cell.MarkUserCodeStarted;
        ExecutionScope.Current = sink;
        _active = cell;
        try
        {
            var send = kernel.SendAsync(new SubmitCode(rewritten.Code), cancellationToken);
            var outcome = await _interrupter.RunAsync(send, cell, () => kernel.SendAsync(new Cancel())).ConfigureAwait(false);
            if (outcome is null && cell.SettleFrom(await send.ConfigureAwait(false)))
            {
                _log.Warn("The cell's failure was missing from the engine's events; it was taken from the command's result.");
            }

            return outcome ?? cell.Outcome(interrupted: _interrupter.WasInterrupted);
        }
        finally
        {
            _active = null;
            _interrupter.Finish();
            CellRuntime.Entered = null;
            CellRuntime.InterruptRequested = false;
        }
    }

    public void Interrupt()
    {
        if (_active is { } cell)
        {
            _interrupter.Interrupt(cell);
        }
    }

    public async Task<CompletionResult> CompleteAsync(string code, int cursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(code);
        var kernel = await _warm.Value.ConfigureAwait(false);
        var (start, end) = CodeText.IdentifierAround(code, cursor);
        var prefix = code[start..cursor];
        var result = await kernel.SendAsync(new RequestCompletions(code, CodeText.ToLinePosition(code, cursor)), cancellationToken).ConfigureAwait(false);
        var items = result.Events.OfType<CompletionsProduced>().FirstOrDefault()?.Completions ?? [];
        var matches = items
            .Select(i => (Text: CodeText.CompletionText(i.InsertText, i.DisplayText), Kind: i.Kind ?? "", Sort: i.SortText ?? i.DisplayText))
            .Where(i => i.Text.Length > 0 && i.Text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .GroupBy(i => i.Text, StringComparer.Ordinal)
            .Select(g => g.First())
            .OrderBy(i => i.Text.StartsWith(prefix, StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(i => i.Sort, StringComparer.OrdinalIgnoreCase)
            .Select(i => new CompletionMatch(i.Text, i.Kind))
            .ToList();
        return new CompletionResult(matches, start, end);
    }

    public async Task<InspectionResult> InspectAsync(string code, int cursor, int detailLevel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(code);
        var kernel = await _warm.Value.ConfigureAwait(false);
        var (start, end) = CodeText.IdentifierAround(code, cursor);
        if (start == end)
        {
            return InspectionResult.NotFound;
        }

        var position = CodeText.ToLinePosition(code, Math.Max(start, end - 1));
        var result = await kernel.SendAsync(new RequestHoverText(code, position), cancellationToken).ConfigureAwait(false);
        var hover = result.Events.OfType<HoverTextProduced>().FirstOrDefault();
        var markdown = hover?.Content.FirstOrDefault(c => c.MimeType == "text/markdown")?.Value
            ?? hover?.Content.FirstOrDefault()?.Value;
        return string.IsNullOrWhiteSpace(markdown) ? InspectionResult.NotFound : new InspectionResult(true, markdown);
    }

    public IsCompleteResult IsComplete(string code) => CompletenessChecker.Check(code);

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        if (_kernel.IsValueCreated)
        {
            try
            {
                var kernel = await _kernel.Value.ConfigureAwait(false);
                kernel.Dispose();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _log.Warn($"Disposing the C# engine failed: {e.Message}");
            }
        }
    }

    private async Task<CompositeKernel> RunFirstSubmissionAsync()
    {
        var kernel = await _kernel.Value.ConfigureAwait(false);
        await _compilerWarmUp.ConfigureAwait(false);
        // Compile and run a first submission: loads Roslyn, the references and the scripting pipeline.
        // It goes through the same rewrite as user cells, so that path is compiled too. It must print nothing: a
        // cell may be waiting with its output sink already in place.
        // .NET Interactive's C# kernel has no default imports to extend: its cells get the preloaded extensions'
        // namespaces from this submission (ours has them in its script options).
        var imports = _options.UseDotNetInteractiveCSharpKernel ? string.Concat(PreloadedExtensions.Imports.Select(n => $"using {n};\n")) : "";
        var warmUp = CellRewriter.Rewrite(imports + "using static Microsoft.DotNet.Interactive.Kernel;\nusing static AIStudio.Kernel.Scripting.KernelApi;\nfor (var i = 0; i < 2; i++) { }");
        _ = CompletenessChecker.Check("if (true) {");
        var result = await kernel.SendAsync(new SubmitCode(warmUp.Code), CancellationToken.None).ConfigureAwait(false);
        if (result.Events.OfType<CommandFailed>().FirstOrDefault() is { } failed)
        {
            _log.Error($"The C# engine failed its first submission: {failed.Message}");
        }

        return kernel;
    }

    private CompositeKernel CreateKernel()
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        MimeFormatting.Configure();
        Console.SetIn(new KernelInputReader(() => _active?.InputCancellation ?? CancellationToken.None));
        var stdout = TextWriter.Synchronized(new SinkTextWriter("stdout"));
        var stderr = TextWriter.Synchronized(new SinkTextWriter("stderr"));
        CellRuntime.StandardOutput = stdout;
        CellRuntime.StandardError = stderr;
        Console.SetOut(stdout);
        Console.SetError(stderr);

        IReadOnlyList<string> references = [.. _options.ExtraAssemblyReferences, .. PreloadedExtensions.AssemblyReferences()];
        Microsoft.DotNet.Interactive.Kernel csharp;
        if (_options.UseDotNetInteractiveCSharpKernel)
        {
            var kernel = new CSharpKernel()
                .UseKernelHelpers()
                .UseValueSharing()
                .UseWho()
                .UseNugetDirective((k, references) =>
                {
                    k.AddAssemblyReferences(references.SelectMany(r => r.AssemblyPaths));
                    return Task.CompletedTask;
                }, false);
            kernel.AddAssemblyReferences([typeof(CellRuntime).Assembly.Location, .. references]);
            csharp = kernel;
        }
        else
        {
            var scripting = new ScriptingCSharpKernel(references, PreloadedExtensions.Imports);
            _compilerWarmUp = scripting.WarmUpCompilerAsync();
            csharp = scripting
                .UseValueSharing()
                .UseNugetDirective((k, references) =>
                {
                    k.AddReferences(references.SelectMany(r => r.AssemblyPaths));
                    return Task.CompletedTask;
                }, false);
        }

        var composite = new CompositeKernel { csharp };
        composite.DefaultKernelName = csharp.Name;
        TimeMagic.AddTo(composite);
        var extensionsStarted = System.Diagnostics.Stopwatch.GetTimestamp();
        PreloadedExtensions.LoadInto(composite);
        _log.Debug($"Preloaded extensions loaded in {System.Diagnostics.Stopwatch.GetElapsedTime(extensionsStarted).TotalMilliseconds:F0} ms");
        _subscription = composite.KernelEvents.Subscribe(OnEvent);
        _log.Debug($"C# engine created in {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms");
        return composite;
    }

    private void OnEvent(KernelEvent e)
    {
        // Runs on .NET Interactive's scheduler thread: never touch Console here.
        var cell = _active;
        var sink = cell?.Sink ?? ExecutionScope.Current;
        switch (e)
        {
            case KernelEvent nested when ExecutionScope.IsNested(nested.Command) && nested is not (StandardOutputValueProduced or StandardErrorValueProduced or DisplayedValueProduced or DisplayedValueUpdated):
                // A submission the cell's code made (an extension's SendAsync): its result, failure and end are its
                // sender's, not the cell's. What it prints or displays still shows in the cell.
                break;
            case CodeSubmissionReceived:
                cell?.BindThread(Thread.CurrentThread);
                break;
            case StandardOutputValueProduced output:
                sink?.WriteStream("stdout", MimeFormatting.PlainText(output.FormattedValues));
                break;
            case StandardErrorValueProduced error:
                sink?.WriteStream("stderr", MimeFormatting.PlainText(error.FormattedValues));
                break;
            case DisplayedValueProduced displayed when sink is not null:
                sink.Display(MimeFormatting.Bundle(displayed.Value, displayed.FormattedValues), displayed.ValueId, update: false);
                break;
            case DisplayedValueUpdated updated when sink is not null:
                sink.Display(MimeFormatting.Bundle(updated.Value, updated.FormattedValues), updated.ValueId, update: true);
                break;
            case ReturnValueProduced { Value: DisplayHandle or Microsoft.DotNet.Interactive.Formatting.DisplayedValue }:
                // display(x) as the last expression has already shown x; its handle is no result (as in IPython).
                break;
            case ReturnValueProduced value when cell is not null:
                cell.Result = MimeFormatting.Bundle(value.Value, value.FormattedValues);
                break;
            case DiagnosticsProduced diagnostics when cell is not null:
                // .NET Interactive publishes diagnostics on the cell's thread once its code has run.
                cell.MarkUserCodeEnded();
                cell.AddDiagnostics(diagnostics.Diagnostics);
                break;
            case ErrorProduced error when sink is not null:
                sink.WriteStream("stderr", error.Message + "\n");
                break;
            case PackageAdded added when sink is not null:
                sink.WriteStream("stdout", $"Installed package {added.PackageReference.PackageName}, version {added.PackageReference.PackageVersion}\n");
                break;
            case CommandFailed failed when cell is not null:
                cell.MarkUserCodeEnded();
                if (sink is not null && RestoreHint.For(failed.Command) is { } hint)
                {
                    sink.WriteStream("stderr", hint);
                }

                cell.Fail(failed);
                break;
        }
    }
}
