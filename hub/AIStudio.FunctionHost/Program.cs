using AIStudio.FunctionHost;

// aistudio-function-host check --connection-file FILE --source FILE
//   compiles the function and writes check.json (its schema, or the compiler's errors) in the working directory.
// aistudio-function-host compile --connection-file FILE --source FILE
//   compiles it without loading it and writes function.dll and function.dll.json in the working directory, for the hub
//   to keep (see CompiledAssembly); exit code 2 when it does not compile.
// aistudio-function-host serve --connection-file FILE --source FILE [--timeout-ms N] [--compiled FILE --compiled-info FILE]
//   loads the compiled assembly when it matches the source and this host (else compiles the source) and serves
//   POST /predict, GET /schema and GET /healthz for the hub (see FunctionServer).
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
var sourceBytes = await File.ReadAllBytesAsync(arguments.SourcePath).ConfigureAwait(false);
if (arguments.Mode == FunctionHostArguments.Compile)
{
    var (image, errors) = FunctionCompiler.CompileToImage(source);
    if (image is null)
    {
        await WriteErrorsAsync(errors).ConfigureAwait(false);
        return 2;
    }

    CompiledAssembly.Write(Environment.CurrentDirectory, image, sourceBytes);
    return 0;
}

CompiledFunction? function = null;
var origin = FunctionServer.FromSource;
if (arguments is { Mode: FunctionHostArguments.Serve, CompiledPath: { } compiled, CompiledInfoPath: { } compiledInfo })
{
    function = CompiledAssembly.TryLoad(compiled, compiledInfo, sourceBytes, out var why);
    if (function is null)
    {
        await Console.Error.WriteLineAsync($"The compiled assembly is not used ({why}): compiling the source.").ConfigureAwait(false);
    }
    else
    {
        origin = FunctionServer.FromAssembly;
    }
}

var outcome = function is null ? FunctionCompiler.Compile(source) : new CompileOutcome(function, []);
if (arguments.Mode == FunctionHostArguments.Check)
{
    await File.WriteAllTextAsync(CheckResult.FileName, CheckResult.From(outcome).ToJson()).ConfigureAwait(false);
    return 0;
}

if (outcome.Function is not { } served)
{
    await WriteErrorsAsync(outcome.Diagnostics).ConfigureAwait(false);
    return 2;
}

var connection = HostConnection.Read(arguments.ConnectionFile);
await FunctionServer.RunAsync(served, connection, arguments.Timeout, origin).ConfigureAwait(false);
return 0;

static async Task WriteErrorsAsync(IReadOnlyList<FunctionDiagnostic> diagnostics)
{
    await Console.Error.WriteLineAsync("The function does not compile:").ConfigureAwait(false);
    foreach (var diagnostic in diagnostics)
    {
        await Console.Error.WriteLineAsync(diagnostic.ToString()).ConfigureAwait(false);
    }
}
