using AIStudio.Hub.Auth;
using AIStudio.Hub.Contents;
using AIStudio.Hub.Events;
using AIStudio.Hub.Kernels;
using AIStudio.Hub.KernelSpecs;
using AIStudio.Hub.Sessions;
using AIStudio.Hub.Status;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;

namespace AIStudio.Hub.Hosting;

/// <summary>The hub's table of contents: each feature's services, middleware and routes, in one place.</summary>
public static class HubComposition
{
    public static WebApplicationBuilder AddHub(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = HubOptions.FromConfiguration(builder.Configuration);
        Directory.CreateDirectory(options.DataDirectory);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(options.DataDirectory, "keys")));

        // Auth: API tokens (the admin token in this slice), required on every route but GET /api.
        builder.Services.AddSingleton<ITokenValidator, AdminTokenValidator>();
        builder.Services.AddAuthentication(TokenAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        // Contents: notebooks and files on disk under the data directory.
        builder.Services.AddSingleton<ContentsStore>();
        builder.Services.AddSingleton<ContentsCheckpoints>();

        // Kernels: the kernelspecs offered, and the registry of running kernels (stopped with the hub).
        builder.Services.AddSingleton<KernelSpecCatalog>();
        builder.Services.AddSingleton<KernelRegistry>();
        builder.Services.AddHostedService(services => services.GetRequiredService<KernelRegistry>());

        // Sessions: documents bound to kernels.
        builder.Services.AddSingleton<SessionManager>();
        return builder;
    }

    public static WebApplication UseHub(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWebSockets();
        app.UseAuthentication();
        app.UseAuthorization();
        // The admin token is made (and printed) at start, not at the first request.
        _ = app.Services.GetRequiredService<ITokenValidator>();
        return app;
    }

    public static WebApplication MapHub(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("").AddEndpointFilter<HubApiExceptionFilter>();
        api.MapStatusApi(app.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        api.MapAuthApi();
        api.MapKernelSpecsApi();
        api.MapKernelsApi();
        api.MapSessionsApi();
        api.MapContentsApi();
        api.MapEventsApi();
        return app;
    }
}
