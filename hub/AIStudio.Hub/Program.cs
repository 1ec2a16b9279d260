using AIStudio.Hub.Hosting;

// The hub: the Jupyter Server API (status, kernelspecs, kernels and their WebSocket, sessions, contents) behind token auth.
// What each part is, and how it is wired, is in Hosting/HubComposition.cs, one line per feature.
// Configuration is read at start (a restart applies changes): watching appsettings.json watches the whole content root,
// recursively (the repository under `dotnet run`), which made up most of a second of the hub's start. A command line's
// own --hostBuilder:reloadConfigOnChange=true still wins.
// appsettings.json is read beside the hub's assembly (the build copies it there), not from the working directory: a hub
// that a service manager starts from another directory ran without it, logging every request at Information (a third
// of its throughput). A command line's own --contentRoot still wins.
// Before any socket: the runtime reads this once (Hosting/SocketCompletions.cs).
SocketCompletions.PreferInline();
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = ["--hostBuilder:reloadConfigOnChange=false", .. args],
    ContentRootPath = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase)) ? null : AppContext.BaseDirectory,
});
builder.AddHub();

var app = builder.Build();
app.UseHub();
app.MapHub();

try
{
    app.Run();
}
catch (OperationCanceledException) when (Environment.ExitCode != 0)
{
    // What failed while the hub started (its database, its OAuth key) was logged and stopped the hub, exit code 1.
}
