using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AIStudio.Kernel.Engine;

/// <summary>
/// Weaves interrupt checks into a cell: <c>CellRuntime.Enter()</c> before the first statement and
/// <c>CellRuntime.Check()</c> at the top of every loop body and method, lambda or accessor body, so that an
/// interrupt stops even <c>while (true) { }</c> (.NET has no Thread.Abort). Text is only inserted, never moved,
/// so positions in compiler messages map back to the user's code exactly (<see cref="RewrittenCell.MapToOriginal"/>).
/// A cell with syntax errors is left as it is: the compiler reports them against the user's own text.
/// </summary>
internal static class CellRewriter
{
    private const string Enter = "global::AIStudio.Kernel.Scripting.CellRuntime.Enter();";
    private const string Check = "global::AIStudio.Kernel.Scripting.CellRuntime.Check();";

    private static readonly CSharpParseOptions ScriptOptions =
        new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Script);

    public static RewrittenCell Rewrite(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var tree = CSharpSyntaxTree.ParseText(MaskMagicLines(code), ScriptOptions);
        var root = tree.GetCompilationUnitRoot();
        if (root.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return new RewrittenCell(code, []);
        }

        var insertions = new List<(int Position, string Text)>();
        // In a script, "var x = …;" at the top is a field whose initializer runs in order with the statements.
        var firstStatement = root.Members.FirstOrDefault(m => m is GlobalStatementSyntax or FieldDeclarationSyntax);
        if (firstStatement is not null)
        {
            insertions.Add((firstStatement.SpanStart, Enter));
        }

        foreach (var node in root.DescendantNodes())
        {
            switch (node)
            {
                case WhileStatementSyntax s:
                    AddBodyCheck(s.Statement, insertions);
                    break;
                case DoStatementSyntax s:
                    AddBodyCheck(s.Statement, insertions);
                    break;
                case ForStatementSyntax s:
                    AddBodyCheck(s.Statement, insertions);
                    break;
                case CommonForEachStatementSyntax s:
                    AddBodyCheck(s.Statement, insertions);
                    break;
                case BaseMethodDeclarationSyntax { Body: { } body }:
                    insertions.Add((body.OpenBraceToken.Span.End, Check));
                    break;
                case LocalFunctionStatementSyntax { Body: { } body }:
                    insertions.Add((body.OpenBraceToken.Span.End, Check));
                    break;
                case AccessorDeclarationSyntax { Body: { } body }:
                    insertions.Add((body.OpenBraceToken.Span.End, Check));
                    break;
                case AnonymousFunctionExpressionSyntax { Block: { } block }:
                    insertions.Add((block.OpenBraceToken.Span.End, Check));
                    break;
                case GotoStatementSyntax g when g.IsKind(SyntaxKind.GotoStatement):
                    insertions.Add((g.SpanStart, Check));
                    break;
            }
        }

        if (insertions.Count == 0)
        {
            return new RewrittenCell(code, []);
        }

        var awaits = root.Members.OfType<GlobalStatementSyntax>().Cast<SyntaxNode>()
            .Concat(root.Members.OfType<FieldDeclarationSyntax>())
            .Any(member => member.DescendantNodes(n => n is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax)
                .OfType<AwaitExpressionSyntax>().Any());
        insertions.Sort((a, b) => a.Position.CompareTo(b.Position));
        var builder = new System.Text.StringBuilder(code.Length + (insertions.Count * Check.Length) + 16);
        var last = 0;
        foreach (var (position, text) in insertions)
        {
            builder.Append(code, last, position - last).Append(text);
            last = position;
        }

        builder.Append(code, last, code.Length - last);
        return new RewrittenCell(builder.ToString(), insertions, awaits);
    }

    private static void AddBodyCheck(StatementSyntax body, List<(int Position, string Text)> insertions)
    {
        switch (body)
        {
            case BlockSyntax block:
                insertions.Add((block.OpenBraceToken.Span.End, Check));
                break;
            case EmptyStatementSyntax empty:
                // for (;;); → for (;;){Check();}  (the ';' stays as an empty statement inside the block)
                insertions.Add((empty.SpanStart, "{" + Check));
                insertions.Add((empty.Span.End, "}"));
                break;
            default:
                insertions.Add((body.SpanStart, "{" + Check));
                insertions.Add((body.Span.End, "}"));
                break;
        }
    }

    /// <summary>
    /// .NET Interactive magic commands (<c>#!time</c>, <c>#!csharp</c>) are not C#: blank them (same length, so
    /// positions hold) before parsing, so that they don't count as syntax errors.
    /// </summary>
    internal static string MaskMagicLines(string code)
    {
        if (!code.Contains("#!", StringComparison.Ordinal))
        {
            return code;
        }

        var chars = code.ToCharArray();
        var lineStart = 0;
        for (var i = 0; i <= chars.Length; i++)
        {
            if (i == chars.Length || chars[i] == '\n')
            {
                var j = lineStart;
                while (j < i && (chars[j] == ' ' || chars[j] == '\t'))
                {
                    j++;
                }

                if (j + 1 < i && chars[j] == '#' && chars[j + 1] == '!')
                {
                    for (var k = j; k < i; k++)
                    {
                        if (chars[k] != '\r')
                        {
                            chars[k] = ' ';
                        }
                    }
                }

                lineStart = i + 1;
            }
        }

        return new string(chars);
    }

    /// <summary>Converts a line/column of the original code to an absolute index (for tests and mapping).</summary>
    internal static int ToIndex(string text, LinePosition position) =>
        SourceText.From(text).Lines.GetPosition(position);
}
