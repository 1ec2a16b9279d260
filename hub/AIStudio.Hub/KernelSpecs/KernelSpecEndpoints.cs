using System.Text.Json;
using System.Text.Json.Serialization;
using AIStudio.Kernel.Client.Specs;

namespace AIStudio.Hub.KernelSpecs;

/// <summary><c>/api/kernelspecs</c> and the kernelspec resources under <c>/kernelspecs/{name}/{file}</c>.</summary>
public static class KernelSpecEndpoints
{
    public static IEndpointRouteBuilder MapKernelSpecsApi(this IEndpointRouteBuilder routes)
    {
        // Every spec is listed, GPU ones too (a notebook saved with one still names a kernel the page knows). On a plan
        // without GPU kernels the GPU spec says so in its display name and metadata, and starting it answers a quota
        // error that the notebook page shows.
        routes.MapGet("/api/kernelspecs", async (Auth.Caller caller, KernelSpecCatalog catalog, Plans.PlanService plans, CancellationToken cancellationToken) =>
        {
            var (_, plan) = await plans.PlanOfAsync(caller.PrimaryOrganizationId, cancellationToken).ConfigureAwait(false);
            return Results.Json(new KernelSpecsModel(
                KernelSpecCatalog.DefaultName,
                catalog.Names.ToDictionary(n => n, n => Model(catalog.Find(n)!, plan), StringComparer.Ordinal)));
        });

        routes.MapGet("/api/kernelspecs/{name}", (string name, KernelSpecCatalog catalog) =>
            catalog.Find(name) is { } spec ? Results.Json(Model(spec, plan: null)) : Hosting.ApiError.NotFound($"Kernel spec {name} not found"));

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

    /// <summary>A spec as the caller's plan allows it: a GPU spec on a plan without GPU kernels is marked unavailable.</summary>
    private static KernelSpecModel Model(KernelSpec spec, Plans.Plan? plan)
    {
        var name = spec.Name ?? KernelSpecCatalog.DefaultName;
        var displayName = spec.DisplayName;
        var metadata = spec.Metadata ?? JsonSerializer.SerializeToElement(new object());
        if (plan is { GpuKernels: false } && KernelSpecCatalog.IsGpu(spec))
        {
            displayName = $"{spec.DisplayName} \u2014 not in the {plan.DisplayName} plan";
            var marked = JsonSerializer.SerializeToNode(metadata)!.AsObject();
            marked["aistudio"] = new System.Text.Json.Nodes.JsonObject
            {
                ["available"] = false,
                ["reason"] = $"GPU kernels are not part of the {plan.DisplayName} plan.",
            };
            metadata = JsonSerializer.SerializeToElement(marked);
        }

        return new KernelSpecModel(
            name,
            new SpecModel(spec.Argv, displayName, spec.Language, spec.InterruptMode, spec.Env, metadata),
            KernelSpecCatalog.Logos.ToDictionary(l => l.Key, l => $"/kernelspecs/{Uri.EscapeDataString(name)}/{l.File}", StringComparer.Ordinal));
    }
}
