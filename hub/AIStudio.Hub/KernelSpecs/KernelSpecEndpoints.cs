using System.Text.Json;
using System.Text.Json.Serialization;
using AIStudio.Kernel.Client.Specs;

namespace AIStudio.Hub.KernelSpecs;

/// <summary><c>/api/kernelspecs</c> and the kernelspec resources under <c>/kernelspecs/{name}/{file}</c>.</summary>
public static class KernelSpecEndpoints
{
    public static IEndpointRouteBuilder MapKernelSpecsApi(this IEndpointRouteBuilder routes)
    {
        // GPU specs are listed only for plans with GPU kernels (starting one on another plan answers a quota error).
        routes.MapGet("/api/kernelspecs", async (Auth.Caller caller, KernelSpecCatalog catalog, Plans.PlanService plans, CancellationToken cancellationToken) =>
        {
            var (_, plan) = await plans.PlanOfAsync(caller.PrimaryOrganizationId, cancellationToken).ConfigureAwait(false);
            var names = catalog.Names.Where(n => plan.GpuKernels || !KernelSpecCatalog.IsGpu(catalog.Find(n)!));
            return Results.Json(new KernelSpecsModel(KernelSpecCatalog.DefaultName, names.ToDictionary(n => n, n => Model(catalog.Find(n)!), StringComparer.Ordinal)));
        });

        routes.MapGet("/api/kernelspecs/{name}", (string name, KernelSpecCatalog catalog) =>
            catalog.Find(name) is { } spec ? Results.Json(Model(spec)) : Hosting.ApiError.NotFound($"Kernel spec {name} not found"));

        routes.MapGet("/kernelspecs/{name}/{file}", (string name, string file) =>
        {
            var stream = KernelSpecCatalog.OpenResource(name, file);
            var mediaType = KernelSpecCatalog.Logos.FirstOrDefault(l => l.File == file).MediaType;
            return stream is null || mediaType is null
                ? Hosting.ApiError.NotFound($"Kernel spec resource {name}/{file} not found")
                : Results.Stream(stream, mediaType);
        });
        return routes;
    }

    private static KernelSpecModel Model(KernelSpec spec)
    {
        var name = spec.Name ?? KernelSpecCatalog.DefaultName;
        return new KernelSpecModel(
            name,
            new SpecModel(spec.Argv, spec.DisplayName, spec.Language, spec.InterruptMode, spec.Env, spec.Metadata ?? JsonSerializer.SerializeToElement(new object())),
            KernelSpecCatalog.Logos.ToDictionary(l => l.Key, l => $"/kernelspecs/{Uri.EscapeDataString(name)}/{l.File}", StringComparer.Ordinal));
    }
}
