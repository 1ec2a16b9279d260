using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AIStudio.Kernel.Engine;

/// <summary>
/// is_complete for C#: incomplete when the parser wants more (an open brace, a dangling operator), invalid when
/// more input cannot fix a syntax error, else complete. Pure syntax: needs no engine, answers in microseconds.
/// </summary>
internal static class CompletenessChecker
{
    private static readonly CSharpParseOptions ScriptOptions =
        new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Script);

    public static IsCompleteResult Check(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var masked = CellRewriter.MaskMagicLines(code);
        if (string.IsNullOrWhiteSpace(masked))
        {
            return IsCompleteResult.Complete;
        }

        var tree = CSharpSyntaxTree.ParseText(masked, ScriptOptions);
        var errors = tree.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (SyntaxFactory.IsCompleteSubmission(tree))
        {
            return errors.Count == 0 ? IsCompleteResult.Complete : IsCompleteResult.Invalid;
        }

        // More input can fix only errors at the very end (a missing brace or operand); one earlier in the
        // code (a stray ')') stays wrong whatever follows.
        var end = masked.TrimEnd().Length;
        return errors.All(e => e.Location.SourceSpan.Start >= end)
            ? new IsCompleteResult("incomplete", Indent(tree))
            : IsCompleteResult.Invalid;
    }

    /// <summary>Four spaces per brace, bracket or parenthesis still open at the end.</summary>
    private static string Indent(SyntaxTree tree)
    {
        var depth = 0;
        foreach (var token in tree.GetRoot().DescendantTokens())
        {
            if (token.IsMissing)
            {
                continue;
            }

            switch (token.Kind())
            {
                case SyntaxKind.OpenBraceToken or SyntaxKind.OpenParenToken or SyntaxKind.OpenBracketToken:
                    depth++;
                    break;
                case SyntaxKind.CloseBraceToken or SyntaxKind.CloseParenToken or SyntaxKind.CloseBracketToken:
                    depth = Math.Max(0, depth - 1);
                    break;
            }
        }

        return new string(' ', 4 * depth);
    }
}
