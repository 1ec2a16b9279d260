using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AIStudio.Hub.Accounts;
using AIStudio.Hub.Data;
using AIStudio.Hub.Hosting;
using AIStudio.Hub.Plans;
using AIStudio.TestKit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AIStudio.Hub.Tests;

/// <summary>
/// The real hub, in this process, on a loopback port chosen by the system, with a fresh data directory, a known admin token
/// and the kernel built with these tests. Shared by the tests of the "hub" collection; stopped (with its kernels) at the end.
/// Its database is SQLite in the data directory, or — with <c>AISTUDIO_TEST_DB=postgres</c> and
/// <c>AISTUDIO_TEST_POSTGRES</c> (a connection string to a server, as tests/postgres/start.sh prints it) — a fresh
/// PostgreSQL database made for this fixture and dropped at the end.
/// </summary>
public sealed class HubFixture : IAsyncLifetime, IDisposable
{
    public const string Token = "test-admin-token-0123456789";

    private readonly TempDirectory? _ownedData;
    private readonly string _dataPath;
    private readonly string _token;
    private readonly bool _ownsDatabase;
    private readonly string? _postgresServer = TestDatabase.PostgresServer;
    private readonly string _postgresDatabase;
    private readonly string[] _extraArgs = [];
    private WebApplication? _app;

    public HubFixture()
    {
        _ownedData = new TempDirectory("aistudio-hub-test");
        _dataPath = _ownedData.Path;
        _token = Token;
        _ownsDatabase = true;
        _postgresDatabase = $"aistudio_test_{Guid.NewGuid():N}";
    }

    /// <summary>A hub of its own with more configuration (<c>--Key=Value</c> arguments), for tests that change how it behaves.</summary>
    internal HubFixture(IReadOnlyList<string> extraArgs)
        : this()
    {
        _extraArgs = [.. extraArgs];
    }

    /// <summary>A second hub on another hub's data directory and database (a restart), with the admin token given.</summary>
    internal HubFixture(HubFixture previous, string adminToken, IReadOnlyList<string>? extraArgs = null)
    {
        _extraArgs = [.. extraArgs ?? []];
        ArgumentNullException.ThrowIfNull(previous);
        _dataPath = previous._dataPath;
        _token = adminToken;
        _ownsDatabase = false;
        _postgresDatabase = previous._postgresDatabase;
    }

    public TestLog Log { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public string DataDirectory => _dataPath;

    public IServiceProvider Services => _app!.Services;

    /// <summary>Which database this hub runs on.</summary>
    public DatabaseProvider Database => _postgresServer is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;

    public async Task InitializeAsync()
    {
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--{HubOptions.DataDirectoryKey}={_dataPath}",
            $"--{HubOptions.AdminTokenKey}={_token}",
            $"--Hub:KernelAssembly={RepositoryLayout.KernelAssembly}",
            $"--Hub:FunctionHostAssembly={RepositoryLayout.FunctionHostAssembly}",
            $"--Hub:DotnetHost={RepositoryLayout.DotnetHost}",
            "--Hub:Gpus=1",
            "--Hub:WarmKernels=1",
            .. _extraArgs,
        ];
        if (_postgresServer is not null)
        {
            args = [.. args, "--Database:Provider=postgres", $"--ConnectionStrings:Hub={TestDatabase.WithDatabase(_postgresServer, _postgresDatabase)}"];
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = _dataPath });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new TestLogProvider(Log));
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.AddHub();
        _app = builder.Build();
        _app.UseHub();
        _app.MapHub();
        await _app.StartAsync();
        // Tests read and write the database directly: let its seeding (which requests wait for) finish first.
        await _app.Services.GetRequiredService<HubSeeder>().Completion;
        BaseAddress = new Uri(_app.Urls.Single().Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
    }

    /// <summary>A client that sends the admin token in the Authorization header.</summary>
    public HttpClient Client(bool authenticated = true)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
        if (authenticated)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", _token);
        }

        return client;
    }

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Where the named user's files are on disk.</summary>
    public string ContentsDirectoryOf(string userName)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var id = db.Users.Single(u => u.UserName == userName).Id;
        return Service<StorageMeter>().UserRoot(id);
    }

    /// <summary>
    /// Creates a user through the admin API (<c>POST /hub/api/users/{name}</c> with <paramref name="body"/>, e.g. org, role,
    /// plan, password) and returns a client that sends a new API token of theirs.
    /// </summary>
    public async Task<TestUser> CreateUserAsync(string name, object? body = null)
    {
        using var admin = Client();
        using (var created = await admin.PostAsJsonAsync($"hub/api/users/{name}", body ?? new { }))
        {
            Assert.True(created.StatusCode == System.Net.HttpStatusCode.Created, $"creating {name}: {created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        }

        using var tokenResponse = await admin.PostAsJsonAsync($"hub/api/users/{name}/tokens", new { note = "test" });
        Assert.Equal(System.Net.HttpStatusCode.Created, tokenResponse.StatusCode);
        using var token = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync());
        var value = token.RootElement.GetProperty("token").GetString()!;
        return new TestUser(name, value, ClientWithToken(value));
    }

    /// <summary>A client that sends this API token.</summary>
    public HttpClient ClientWithToken(string token)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", token);
        return client;
    }

    /// <summary>Stops the hub (and its kernels), keeping its data directory and database.</summary>
    public async Task StopAsync()
    {
        if (_app is not null)
        {
            using var timeout = Timeouts.After(Timeouts.Exit);
            await _app.StopAsync(timeout.Token);
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        if (_postgresServer is not null && _ownsDatabase)
        {
            await TestDatabase.DropAsync(_postgresServer, _postgresDatabase);
        }

        Dispose();
    }

    public void Dispose()
    {
        _ownedData?.Dispose();
        Log.Dispose();
    }

    private sealed class TestLogProvider(TestLog log) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => log.CreateLogger(categoryName);

        public void Dispose()
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class HubTests : ICollectionFixture<HubFixture>
{
    public const string Name = "hub";
}
