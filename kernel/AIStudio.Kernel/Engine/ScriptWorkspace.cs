using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Completion;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.QuickInfo;
using Microsoft.CodeAnalysis.Text;
using Microsoft.DotNet.Interactive.CSharp;

namespace AIStudio.Kernel.Engine;

/// <summary>
/// Completion and inspection for cells: one Roslyn script document holding the cells run so far followed by the cell
/// being edited, so names defined earlier complete too. Built on first use — its MEF composition costs a second and
/// tens of megabytes that a notebook that never asks for completion should not pay.
/// </summary>
internal sealed class ScriptWorkspace : IDisposable
{
    private readonly AdhocWorkspace _workspace;
    private readonly Lock _gate = new();
    private readonly DocumentId _documentId;

    public ScriptWorkspace(IEnumerable<MetadataReference> references, IEnumerable<string> imports)
    {
        var assemblies = MefHostServices.DefaultAssemblies
            .Concat([Assembly.Load("Microsoft.CodeAnalysis.Features"), Assembly.Load("Microsoft.CodeAnalysis.CSharp.Features")])
            .Distinct();
        _workspace = new AdhocWorkspace(MefHostServices.Create(assemblies));
        var projectId = ProjectId.CreateNewId();
        var project = ProjectInfo.Create(
            projectId,
            VersionStamp.Create(),
            "cells",
            "cells",
            LanguageNames.CSharp,
            isSubmission: true,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, usings: imports),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Parse, SourceCodeKind.Script),
            metadataReferences: references);
        var solution = _workspace.CurrentSolution.AddProject(project);
        _documentId = DocumentId.CreateNewId(projectId);
        solution = solution.AddDocument(DocumentInfo.Create(_documentId, "cells.csx", sourceCodeKind: SourceCodeKind.Script, loader: TextLoader.From(TextAndVersion.Create(SourceText.From(""), VersionStamp.Create()))));
        _workspace.TryApplyChanges(solution);
    }

    public void AddReferences(IEnumerable<MetadataReference> references)
    {
        lock (_gate)
        {
            var project = _workspace.CurrentSolution.GetProject(_documentId.ProjectId)!;
            _workspace.TryApplyChanges(project.AddMetadataReferences(references).Solution);
        }
    }

    public async Task<IReadOnlyCollection<Microsoft.DotNet.Interactive.Events.CompletionItem>> CompleteAsync(IReadOnlyList<string> earlierCells, string code, Microsoft.DotNet.Interactive.LinePosition position, CancellationToken cancellationToken)
    {
        var (document, offset) = WithCell(earlierCells, code, position);
        var service = CompletionService.GetService(document);
        if (service is null)
        {
            return [];
        }

        var completions = await service.GetCompletionsAsync(document, offset, cancellationToken: cancellationToken).ConfigureAwait(false);
        return completions.ItemsList
            .Select(item => new Microsoft.DotNet.Interactive.Events.CompletionItem(
                item.DisplayText,
                item.Tags.FirstOrDefault() ?? "",
                item.FilterText,
                item.SortText,
                item.DisplayText,
                null,
                null))
            .ToList();
    }

    public async Task<string?> QuickInfoAsync(IReadOnlyList<string> earlierCells, string code, Microsoft.DotNet.Interactive.LinePosition position, CancellationToken cancellationToken)
    {
        var (document, offset) = WithCell(earlierCells, code, position);
        var service = QuickInfoService.GetService(document);
        if (service is null)
        {
            return null;
        }

        var info = await service.GetQuickInfoAsync(document, offset, cancellationToken).ConfigureAwait(false);
        return info is null ? null : info.ToMarkdownString();
    }

    public void Dispose() => _workspace.Dispose();

    private (Document Document, int Offset) WithCell(IReadOnlyList<string> earlierCells, string code, Microsoft.DotNet.Interactive.LinePosition position)
    {
        var text = new StringBuilder();
        foreach (var cell in earlierCells)
        {
            // Each earlier cell ends its last expression, so the next one parses as new statements.
            text.Append(cell).Append(";\n");
        }

        var prefix = text.Length;
        text.Append(code);
        var cellText = SourceText.From(code);
        var line = Math.Clamp(position.Line, 0, cellText.Lines.Count - 1);
        var offset = prefix + Math.Min(cellText.Lines[line].Start + position.Character, code.Length);
        lock (_gate)
        {
            var solution = _workspace.CurrentSolution.WithDocumentText(_documentId, SourceText.From(text.ToString()));
            _workspace.TryApplyChanges(solution);
            return (_workspace.CurrentSolution.GetDocument(_documentId)!, offset);
        }
    }
}
