using AIStudio.Hub.Hosting;

// The hub: the Jupyter Server API (status, kernelspecs, kernels and their WebSocket, sessions, contents) behind token auth.
// What each part is, and how it is wired, is in Hosting/HubComposition.cs, one line per feature.
// Configuration is read at start (a restart applies changes): watching appsettings.json watches the whole content root,
// recursively (the repository under `dotnet run`), which made up most of a second of the hub's start. A command line's
// own --hostBuilder:reloadConfigOnChange=true still wins.
var builder = WebApplication.CreateBuilder(["--hostBuilder:reloadConfigOnChange=false", .. args]);
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
