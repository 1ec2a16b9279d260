using AIStudio.Extensions.Datasets.Licensing;
using AIStudio.Hub.Accounts;
using AIStudio.Hub.Agents;
using AIStudio.Hub.Audit;
using AIStudio.Hub.Auth;
using AIStudio.Hub.Certificates;
using AIStudio.Hub.Courses;
using AIStudio.Hub.Contents;
using AIStudio.Hub.Data;
using AIStudio.Hub.Datasets;
using AIStudio.Hub.Deployments;
using AIStudio.Hub.Events;
using AIStudio.Hub.Kernels;
using AIStudio.Hub.KernelSpecs;
using AIStudio.Hub.ModelEndpoints;
using AIStudio.Hub.OAuth;
using AIStudio.Hub.Organizations;
using AIStudio.Hub.Plans;
using AIStudio.Hub.Secrets;
using AIStudio.Hub.Sessions;
using AIStudio.Hub.Status;
using AIStudio.Hub.Tokens;
using AIStudio.Hub.Users;
using AIStudio.Hub.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Validation.AspNetCore;

namespace AIStudio.Hub.Hosting;

/// <summary>The hub's table of contents: each feature's services, middleware and routes, in one place.</summary>
public static class HubComposition
{
    /// <summary>The scheme that picks the API token handler when a token is sent, else the browser's cookie.</summary>
    public const string HubScheme = "Hub";

    /// <summary>
    /// Migrating checks by default whether the model has changes no migration holds, by building the whole design-time model
    /// and diffing it with the snapshot: most of a fresh hub's start. The build proves it instead (MigrationTests), so the
    /// hub skips the check.
    /// </summary>
    private static void IgnorePendingModelChanges(Microsoft.EntityFrameworkCore.Diagnostics.WarningsConfigurationBuilder warnings) =>
        warnings.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning);

    public static WebApplicationBuilder AddHub(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = HubOptions.FromConfiguration(builder.Configuration);
        Directory.CreateDirectory(options.DataDirectory);
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        // Hosted services (kernel registry, data protection, Kestrel…) start side by side, as the database is seeded.
        services.Configure<HostOptions>(host => host.ServicesStartConcurrently = true);
        services.AddHttpContextAccessor();
        // Data Protection (cookies, and the secret store's keys at rest): the key ring under the data directory, and a fixed
        // application name, so that the same data directory opens its secrets whichever directory the hub starts in.
        services.AddDataProtection()
            .SetApplicationName("AIStudio.Hub")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(options.DataDirectory, "keys")));

        // Data: SQLite under the data directory by default, PostgreSQL by configuration; each with its own migrations.
        var database = DatabaseOptions.FromConfiguration(builder.Configuration, options.DataDirectory);
        services.AddSingleton(database);
        // The compiled EF Core model takes a tenth of a second to build, which the database's first use (the seeding) waited
        // for: it is built now on the core the rest of the start leaves spare.
        _ = Task.Run(() => database.Provider == DatabaseProvider.Postgres
            ? Data.CompiledModels.Postgres.PostgresHubDbContextModel.Instance
            : Data.CompiledModels.Sqlite.SqliteHubDbContextModel.Instance);
        // The schema is checked (or an empty SQLite database made) from now on, beside the rest of the start.
        services.AddSingleton(new DatabaseSchema(database));
        services.AddSingleton<DirectorySnapshot>();
        services.AddSingleton<DirectoryChangeInterceptor>();
        if (database.Provider == DatabaseProvider.Postgres)
        {
            services.AddDbContextPool<HubDbContext, PostgresHubDbContext>((provider, db) =>
                db.UseNpgsql(database.ConnectionString).AddInterceptors(provider.GetRequiredService<DirectoryChangeInterceptor>())
                    .ConfigureWarnings(IgnorePendingModelChanges));
        }
        else
        {
            var busyTimeout = new SqliteBusyTimeout();
            services.AddDbContextPool<HubDbContext, SqliteHubDbContext>((provider, db) =>
                db.UseSqlite(database.ConnectionString).AddInterceptors(provider.GetRequiredService<DirectoryChangeInterceptor>(), busyTimeout)
                    .ConfigureWarnings(IgnorePendingModelChanges));
        }

        // Accounts: Identity (passwords, lockout), the first administrator, audit.
        services.AddIdentityCore<HubUser>(identity =>
            {
                // Length over composition rules (NIST SP 800-63B): children and adults alike remember a long phrase better.
                identity.Password.RequiredLength = 8;
                identity.Password.RequireDigit = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Lockout.MaxFailedAccessAttempts = 5;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                identity.Lockout.AllowedForNewUsers = true;
                identity.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyz0123456789._@+-";
            })
            .AddEntityFrameworkStores<HubDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddScoped<AccountService>();
        services.AddScoped<PasswordSignIn>();
        services.AddSingleton<HubSeeder>();
        services.AddSingleton<AuditLog>();

        // Auth: API tokens (header or query) or the browser's cookie session; every route needs one but the public ones.
        services.AddSingleton<TokenValidator>();
        services.AddSingleton<CallerCache>();
        services.AddScoped<ApiTokenService>();
        services.AddScoped<CallerResolver>();
        services.AddAuthentication(auth =>
            {
                auth.DefaultScheme = HubScheme;
                auth.DefaultChallengeScheme = TokenAuthenticationHandler.SchemeName;
                auth.DefaultForbidScheme = TokenAuthenticationHandler.SchemeName;
            })
            .AddPolicyScheme(HubScheme, "API token, OAuth access token or cookie", policy =>
            {
                policy.ForwardDefaultSelector = context => SchemeFor(context.Request);

                // Refusals are JSON, as Jupyter clients expect, whichever way the request came.
                policy.ForwardChallenge = TokenAuthenticationHandler.SchemeName;
                policy.ForwardForbid = TokenAuthenticationHandler.SchemeName;
            })
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(cookie =>
            {
                cookie.Cookie.Name = "aistudio-session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = TimeSpan.FromDays(14);
                cookie.SlidingExpiration = true;
                cookie.Events.OnRedirectToLogin = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                };
                cookie.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            }));
        // OAuth 2 / OpenID Connect (OpenIddict): code + PKCE for browsers and VS Code, client credentials for services,
        // refresh tokens, discovery at /.well-known/openid-configuration; JupyterHub's endpoint paths.
        var keys = Path.Combine(options.DataDirectory, "keys");
        var signingKey = new OAuthSigningKeySource(keys);
        services.AddSingleton(signingKey);
        services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<HubDbContext>())
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris(OAuthEndpoints.AuthorizePath.TrimStart('/'))
                    .SetTokenEndpointUris(OAuthEndpoints.TokenPath.TrimStart('/'));
                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                server.AllowClientCredentialsFlow();
                server.AllowRefreshTokenFlow();
                server.RegisterScopes([.. Scopes.Implied.Keys, Scopes.Self, OpenIddict.Abstractions.OpenIddictConstants.Scopes.OpenId,
                    OpenIddict.Abstractions.OpenIddictConstants.Scopes.Profile, OpenIddict.Abstractions.OpenIddictConstants.Scopes.OfflineAccess]);
                server.Configure(o =>
                {
                    var key = signingKey.Key.GetAwaiter().GetResult();
                    o.SigningCredentials.Add(new SigningCredentials(key, OAuthKeys.SigningAlgorithm(key)));
                });
                server.AddEncryptionKey(OAuthKeys.EncryptionKey(keys));

                // Access tokens are signed JWTs any resource server can check with the published key; codes and refresh tokens stay encrypted.
                server.DisableAccessTokenEncryption();

                // The embedded default listens on plain http://127.0.0.1; put TLS in front (or --urls https://…) in production.
                server.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableTokenEndpointPassthrough().DisableTransportSecurityRequirement();
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.UseAspNetCore();
            });

        services.AddSingleton<OAuthServerEndpoints>();
        services.Replace(ServiceDescriptor.Scoped<IAuthenticationHandlerProvider, OAuthServerHandlerProvider>());

        services.AddAuthorizationBuilder()
            // No scheme named: the policy takes the caller the authentication middleware found (with the default scheme,
            // the hub's); naming one made every request authenticate twice, anonymous endpoints' included.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        // Users, organizations, groups, tokens: the JupyterHub-shaped API.
        services.AddScoped<UserDirectory>();
        services.AddScoped<OrganizationDirectory>();
        services.AddScoped<OrganizationMembers>();

        // Plans: limits where they are used, usage metered.
        services.AddSingleton<StorageMeter>();
        services.AddSingleton<UsageMeter>();
        services.AddScoped<PlanService>();
        services.AddHostedService<UsageBooking>();

        // Datasets: CSV uploads under a licence the Datasets extension's policy accepts for the plan, kept in the user's files.
        services.AddSingleton(_ => LicenseMatcher.Default);
        services.AddSingleton(provider => new LicensePolicy(provider.GetRequiredService<LicenseMatcher>()));
        services.AddScoped<DatasetStore>();

        // Deployments: ONNX models served by ONNX Runtime sessions (one per version, made on first use) and C# functions, with keys, a
        // traffic split, per-plan rate limits and in-memory metrics.
        services.AddSingleton<DeploymentCatalog>();
        services.AddSingleton<DeploymentSessions>();
        services.AddSingleton<DeploymentMetrics>();
        services.AddSingleton<DeploymentRateLimiter>();
        services.AddSingleton<DeploymentServer>();
        // C# function versions: compiled and served by aistudio-function-host, one sandboxed process per version.
        services.AddSingleton<FunctionLauncher>();
        services.AddSingleton<FunctionAssemblies>();
        services.AddSingleton<FunctionHosts>();
        services.AddHostedService(provider => provider.GetRequiredService<FunctionHosts>());
        services.AddScoped<DeploymentStore>();

        // Model endpoints for agents (OpenAI-compatible; per user or organization) with their keys in the secret store
        // (Data Protection, ciphertext only in the database); agents' token use metered per user and organization.
        services.AddScoped<SecretStore>();
        services.AddScoped<ModelEndpointStore>();
        services.AddScoped<AgentUsageMeter>();

        // Kernels: the kernelspecs offered, and the registry of running kernels (stopped with the hub).
        services.AddSingleton<KernelSpecCatalog>();
        services.AddSingleton<Egress.EgressProxy>();
        services.AddSingleton<KernelRegistry>();
        services.AddHostedService(provider => provider.GetRequiredService<KernelRegistry>());
        services.AddScoped<KernelStarter>();
        services.AddHostedService<KernelMonitor>();

        // Sessions: documents bound to kernels.
        services.AddSingleton<SessionManager>();

        // Courses: the catalog (courses/ of the repository, or Hub:CoursesDirectory; validated at start), enrolment and
        // progress, submissions graded in the background in sandboxed kernels, gradebooks, and Open Badges certificates.
        services.AddSingleton(CourseOptions.FromConfiguration(builder.Configuration));
        services.AddSingleton<CourseLibrary>();
        services.AddHostedService(provider => provider.GetRequiredService<CourseLibrary>());
        services.AddSingleton<GradingLauncher>();
        services.AddSingleton<GradingBacklog>();
        services.AddSingleton<SubmissionFiles>();
        services.AddHostedService<GradingWorker>();
        services.AddScoped<CourseService>();
        services.AddScoped<SubmissionService>();
        services.AddScoped<GradebookService>();
        services.AddSingleton<CertificateKeys>();
        services.AddScoped<CertificateService>();
        services.AddSingleton<LessonRenderer>();

        // Web: the hub's own pages (Razor Pages under Web/Pages) and the notebook page's bundle (wwwroot/build).
        var mvc = services.AddRazorPages(pages => pages.RootDirectory = "/Web/Pages");
        // The pages are the hub assembly's, and it has no controllers: MVC looks in that one assembly (not in every library
        // the entry assembly references, as by default), and for pages only. Searching them all for controllers and compiled
        // views took ~60 ms of the hub's start here. A host that is not the hub itself (its in-process tests) finds the hub's
        // assembly this way too.
        var hubAssembly = typeof(HubComposition).Assembly;
        mvc.PartManager.ApplicationParts.Clear();
        mvc.AddApplicationPart(hubAssembly);
        foreach (var controllers in mvc.PartManager.FeatureProviders.OfType<Microsoft.AspNetCore.Mvc.Controllers.ControllerFeatureProvider>().ToList())
        {
            mvc.PartManager.FeatureProviders.Remove(controllers);
        }

        services.AddOpenApi("v1", openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "AI Studio hub API";
            document.Info.Description = "The Jupyter Server API (/api) for the signed-in user and the JupyterHub-shaped management API (/hub/api).";
            return Task.CompletedTask;
        }));
        return builder;
    }

    /// <summary>The scheme the hub's own scheme forwards a request to, by the credential it carries.</summary>
    internal static string SchemeFor(HttpRequest request) => TokenAuthenticationHandler.ReadToken(request) switch
    {
        null => IdentityConstants.ApplicationScheme,
        // A deployment key is checked by the predict endpoints themselves (Deployments/DeploymentServer).
        { } token when DeploymentKeys.IsKey(token) => IdentityConstants.ApplicationScheme,
        { } token when IsJwt(token) => OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme,
        _ => TokenAuthenticationHandler.SchemeName,
    };

    /// <summary>An OAuth access token (a JWT: three dot-separated parts) rather than a personal API token (hex).</summary>
    private static bool IsJwt(string token) => token.Count(c => c == '.') == 2;

    public static WebApplication UseHub(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // The database is migrated and the first administrator made while the hub starts; requests wait for it.
        var seeding = app.Services.GetRequiredService<HubSeeder>().Start();
        _ = seeding.ContinueWith(
            failed => DatabaseReadiness.StopHub(app, failed.Exception!.GetBaseException()),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        app.Services.GetRequiredService<OAuthSigningKeySource>().StopHubOnFailure(app);
        app.UseMiddleware<DatabaseReadiness>();
        // Outside the error middleware: it sees the 413 that a refused body became, and sends it whole.
        app.UseMiddleware<OversizedBodyDrain>();
        app.UseMiddleware<HubApiExceptionMiddleware>();
        // wwwroot next to the hub's assembly (copied there by the build): the hub's CSS and the notebook page's bundle.
        // (A host that only references the hub's assembly, such as its in-process tests, has none: no static files then.)
        var webRoot = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (Directory.Exists(webRoot))
        {
            var types = new Microsoft.AspNetCore.StaticFiles.FileExtensionContentTypeProvider();
            types.Mappings[".map"] = "application/json";
            app.UseMiddleware<PrecompressedStaticFiles>(webRoot);
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(webRoot),
                ContentTypeProvider = types,
                OnPrepareResponse = file =>
                {
                    // The bundle keeps its names from build to build: browsers revalidate (ETag) rather than keep an old one.
                    file.Context.Response.Headers.CacheControl = "no-cache";
                    PrecompressedStaticFiles.PrepareResponse(file, types);
                },
            });
        }
        app.UseWebSockets();
        // A prediction sent with a deployment key (the deployments' hot path) carries no hub credential: the predict
        // endpoints (all anonymous to the hub) check the key themselves. The hub's authentication (each scheme's handler,
        // OpenIddict's among them), its sign-in by ?token=, its XSRF check and its authorization would only cost such a
        // request time and garbage: with the fallback policy's second authentication (below), two fifths of what a
        // prediction allocated once its ONNX Runtime path was trimmed (profiled at 2,000 predictions/s).
        app.UseWhen(context => !DeploymentUrls.IsKeyedRequest(context.Request), hub =>
        {
            hub.UseAuthentication();
            hub.UseMiddleware<TokenSignIn>();
            hub.UseMiddleware<Xsrf>();
            hub.UseAuthorization();
        });
        // What UseAuthentication and UseAuthorization mark on the application they are added to; in a branch they mark the
        // branch, and WebApplication would add both again ahead of the whole pipeline, for every request.
        var properties = ((IApplicationBuilder)app).Properties;
        properties["__AuthenticationMiddlewareSet"] = true;
        properties["__AuthorizationMiddlewareSet"] = true;
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
        api.MapFilesRoute();
        api.MapEventsApi();

        var hub = app.MapGroup("").AddEndpointFilter<HubApiExceptionFilter>();
        hub.MapAccountApi();
        hub.MapInfoApi();
        hub.MapUsersApi();
        hub.MapTokensApi();
        hub.MapOrganizationsApi();
        hub.MapGroupsApi();
        hub.MapAuditApi();
        hub.MapDatasetsApi();
        hub.MapDeploymentsApi();
        hub.MapPredictApi();
        hub.MapModelEndpointsApi();
        hub.MapAgentsApi();
        hub.MapPlansApi();
        hub.MapCoursesApi();
        hub.MapCertificatesApi();
        hub.MapOAuthApi();
        hub.MapOAuthClientsApi();
        app.MapOpenApi("/hub/api/openapi/{documentName}.json").AllowAnonymous();

        app.MapRazorPages();
        app.MapGet("/", () => Results.Redirect(HubRedirects.Home)).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
