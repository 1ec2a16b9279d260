using System.Globalization;

namespace AIStudio.FunctionHost;

/// <summary>The command line: <c>check|serve --connection-file FILE --source FILE [--timeout-ms N]</c>.</summary>
public sealed record FunctionHostArguments(string Mode, string ConnectionFile, string SourcePath, TimeSpan Timeout)
{
    public const string Check = "check";
    public const string Serve = "serve";
    public const string Usage = "usage: aistudio-function-host check|serve --connection-file FILE --source FILE [--timeout-ms N]";

    public static FunctionHostArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0 || args[0] is not (Check or Serve))
        {
            throw new ArgumentException("Say what to do: check or serve.");
        }

        string? connection = null;
        string? source = null;
        var timeout = TimeSpan.FromSeconds(10);
        for (var i = 1; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--connection-file": connection = value; break;
                case "--source": source = value; break;
                case "--timeout-ms":
                    timeout = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms > 0
                        ? TimeSpan.FromMilliseconds(ms)
                        : throw new ArgumentException($"--timeout-ms is '{value}': a whole number of milliseconds above 0.");
                    break;
                default: throw new ArgumentException($"Unknown argument {args[i]}.");
            }

            i++;
        }

        return new FunctionHostArguments(
            args[0],
            connection ?? throw new ArgumentException("--connection-file is missing."),
            source ?? throw new ArgumentException("--source is missing."),
            timeout);
    }
}
