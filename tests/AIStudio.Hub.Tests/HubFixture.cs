using System.Net.Http.Headers;
using AIStudio.Hub.Hosting;
using AIStudio.TestKit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AIStudio.Hub.Tests;

/// <summary>
/// The real hub, in this process, on a loopback port chosen by the system, with a fresh data directory, a known admin token
/// and the kernel built with these tests. Shared by the tests of the "hub" collection; stopped (with its kernels) at the end.
/// </summary>
public sealed class HubFixture : IAsyncLifetime, IDisposable
{
    public const string Token = "test-admin-token-0123456789";

    private readonly TempDirectory _data = new("aistudio-hub-test");
    private WebApplication? _app;

    public TestLog Log { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public string DataDirectory => _data.Path;

    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args =
            [
                "--urls=http://127.0.0.1:0",
                $"--{HubOptions.DataDirectoryKey}={_data.Path}",
                $"--{HubOptions.AdminTokenKey}={Token}",
                $"--Hub:KernelAssembly={RepositoryLayout.KernelAssembly}",
                $"--Hub:DotnetHost={RepositoryLayout.DotnetHost}",
            ],
            ContentRootPath = _data.Path,
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new TestLogProvider(Log));
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.AddHub();
        _app = builder.Build();
        _app.UseHub();
        _app.MapHub();
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.Single().Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
    }

    /// <summary>A client that sends the admin token in the Authorization header.</summary>
    public HttpClient Client(bool authenticated = true)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
        if (authenticated)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", Token);
        }

        return client;
    }

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            using var timeout = Timeouts.After(Timeouts.Exit);
            await _app.StopAsync(timeout.Token);
            await _app.DisposeAsync();
        }

        Dispose();
    }

    public void Dispose()
    {
        _data.Dispose();
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
