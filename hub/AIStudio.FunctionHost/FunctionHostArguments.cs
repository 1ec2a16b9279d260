using System.Globalization;

namespace AIStudio.FunctionHost;

/// <summary>
/// The command line: <c>check|compile|serve --connection-file FILE --source FILE [--timeout-ms N] [--compiled FILE
/// --compiled-info FILE]</c>; the last two, for <c>serve</c>, name an assembly <c>compile</c> made earlier and its info.
/// </summary>
public sealed record FunctionHostArguments(string Mode, string ConnectionFile, string SourcePath, TimeSpan Timeout, string? CompiledPath = null, string? CompiledInfoPath = null)
{
    public const string Check = "check";
    public const string Compile = "compile";
    public const string Serve = "serve";
    public const string Usage = "usage: aistudio-function-host check|compile|serve --connection-file FILE --source FILE [--timeout-ms N] [--compiled FILE --compiled-info FILE]";

    public static FunctionHostArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0 || args[0] is not (Check or Compile or Serve))
        {
            throw new ArgumentException("Say what to do: check, compile or serve.");
        }

        string? connection = null;
        string? source = null;
        string? compiled = null;
        string? compiledInfo = null;
        var timeout = TimeSpan.FromSeconds(10);
        for (var i = 1; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--connection-file": connection = value; break;
                case "--source": source = value; break;
                case "--compiled": compiled = value; break;
                case "--compiled-info": compiledInfo = value; break;
                case "--timeout-ms":
                    timeout = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms > 0
                        ? TimeSpan.FromMilliseconds(ms)
                        : throw new ArgumentException($"--timeout-ms is '{value}': a whole number of milliseconds above 0.");
                    break;
                default: throw new ArgumentException($"Unknown argument {args[i]}.");
            }

            i++;
        }

        if ((compiled is null) != (compiledInfo is null))
        {
            throw new ArgumentException("--compiled and --compiled-info go together.");
        }

        return new FunctionHostArguments(
            args[0],
            connection ?? throw new ArgumentException("--connection-file is missing."),
            source ?? throw new ArgumentException("--source is missing."),
            timeout,
            compiled,
            compiledInfo);
    }
}
