using System.Globalization;
using System.Text;
using AIStudio.Kernel.Client.Connection;

namespace AIStudio.TestKit;

/// <summary>What a failed cell said, for a test's failure message: the error, its traceback and the cell's stderr.</summary>
public static class ExecutionReport
{
    public static string Describe(ExecutionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        if (result.Errors.Count == 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{result.ReplyContent.ExceptionName}: {result.ReplyContent.ExceptionValue}\n");
        }

        foreach (var error in result.Errors)
        {
            text.Append(CultureInfo.InvariantCulture, $"{error.ExceptionName}: {error.ExceptionValue}\n");
            text.AppendJoin('\n', error.Traceback).Append('\n');
        }

        if (result.Stderr.Length > 0)
        {
            text.Append("--- stderr ---\n").Append(result.Stderr);
        }

        return text.ToString();
    }
}
