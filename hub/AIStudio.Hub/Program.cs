using AIStudio.Hub.Hosting;

// The hub: the Jupyter Server API (status, kernelspecs, kernels and their WebSocket, sessions, contents) behind token auth.
// What each part is, and how it is wired, is in Hosting/HubComposition.cs, one line per feature.
var builder = WebApplication.CreateBuilder(args);
builder.AddHub();

var app = builder.Build();
app.UseHub();
app.MapHub();

app.Run();
