using System.Text.Json.Serialization;
using AIStudio.Hub.Data;
using AIStudio.Hub.Hosting;
using AIStudio.Hub.KernelSpecs;

namespace AIStudio.Hub.Status;

/// <summary><c>GET /hub/api/</c> (the version, public) and <c>GET /hub/api/info</c>, as JupyterHub answers them.</summary>
public static class InfoEndpoints
{
    public static IEndpointRouteBuilder MapInfoApi(this IEndpointRouteBuilder routes)
    {
        var version = typeof(InfoEndpoints).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        routes.MapGet("/hub/api", () => Results.Json(new VersionModel(version))).AllowAnonymous();
        routes.MapGet("/hub/api/info", (DatabaseOptions database, HubOptions options, KernelSpecCatalog catalog) => Results.Json(new InfoModel(
            version,
            Environment.Version.ToString(),
            new ComponentModel("AIStudio.Hub.Kernels.LocalProcessLauncher", version),
            new ComponentModel("ASP.NET Core Identity", version),
            database.Provider.ToString().ToLowerInvariant(),
            catalog.Names,
            options.Gpus)));
        return routes;
    }

    private sealed record ComponentModel(
        [property: JsonPropertyName("class")] string Class,
        [property: JsonPropertyName("version")] string Version);

    private sealed record InfoModel(
        [property: JsonPropertyName("version")] string Version,
        [property: JsonPropertyName("dotnet")] string Dotnet,
        [property: JsonPropertyName("spawner")] ComponentModel Spawner,
        [property: JsonPropertyName("authenticator")] ComponentModel Authenticator,
        [property: JsonPropertyName("database")] string Database,
        [property: JsonPropertyName("kernelspecs")] IReadOnlyList<string> KernelSpecs,
        [property: JsonPropertyName("gpus")] int Gpus);
}
