using AIStudio.FunctionHost;

// aistudio-function-host check --connection-file FILE --source FILE
//   compiles the function and writes check.json (its schema, or the compiler's errors) in the working directory.
// aistudio-function-host serve --connection-file FILE --source FILE [--timeout-ms N]
//   compiles it and serves POST /predict, GET /schema and GET /healthz for the hub (see FunctionServer).
FunctionHostArguments arguments;
try
{
    arguments = FunctionHostArguments.Parse(args);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
    await Console.Error.WriteLineAsync(FunctionHostArguments.Usage).ConfigureAwait(false);
    return 64;
}

var source = await File.ReadAllTextAsync(arguments.SourcePath).ConfigureAwait(false);
var outcome = FunctionCompiler.Compile(source);
if (arguments.Mode == FunctionHostArguments.Check)
{
    await File.WriteAllTextAsync(CheckResult.FileName, CheckResult.From(outcome).ToJson()).ConfigureAwait(false);
    return 0;
}

if (outcome.Function is not { } function)
{
    await Console.Error.WriteLineAsync("The function does not compile:").ConfigureAwait(false);
    foreach (var diagnostic in outcome.Diagnostics)
    {
        await Console.Error.WriteLineAsync(diagnostic.ToString()).ConfigureAwait(false);
    }

    return 2;
}

var connection = HostConnection.Read(arguments.ConnectionFile);
await FunctionServer.RunAsync(function, connection, arguments.Timeout).ConfigureAwait(false);
return 0;
