using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using AIStudio.Hub.Audit;
using AIStudio.Hub.Egress;
using AIStudio.Hub.Hosting;
using AIStudio.Hub.KernelSpecs;
using AIStudio.Hub.Plans;
using AIStudio.Kernel.Client.Launching;
using AIStudio.Kernel.Client.Specs;
using AIStudio.Kernel.Protocol.Connection;

namespace AIStudio.Hub.Kernels;

/// <summary>
/// The kernels the hub runs, by id, each with its owner: starts them through <see cref="LocalProcessLauncher"/> with a
/// kernelspec of the catalog, books their run time when they stop, audits starts and stops, and stops every one of them
/// when the hub stops (no orphan processes). Callers see only their own kernels (<see cref="FindOwned"/>, <see cref="OwnedBy"/>).
/// Each kernel's network is its plan's <c>kernel_network</c>, capped by <c>Hub:KernelNetwork</c> (<see cref="NetworkFor"/>):
/// <c>full</c> the host's network; <c>packages</c> a network namespace of its own whose only ways out are the hub's port
/// and the <see cref="EgressProxy"/> to the package feeds; <c>none</c> a namespace of its own and nothing else.
/// </summary>
public sealed partial class KernelRegistry : IHostedService, IAsyncDisposable
{
    /// <summary>How long a kernel for the warm pool may take to start and run its warm-up cell (the first compile).</summary>
    private static readonly TimeSpan WarmUpTimeout = TimeSpan.FromSeconds(120);

    /// <summary>How long after a session took a warm kernel the pool starts its replacement (see <see cref="RefillPoolSoon"/>).</summary>
    private static readonly TimeSpan RefillDelay = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, ManagedKernel> _kernels = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ManagedKernel> _warm = new();
    private readonly HubOptions _options;
    private int _warming;
    private readonly KernelSpecCatalog _catalog;
    private readonly LocalProcessLauncher _launcher;
    private readonly UsageMeter _usage;
    private readonly AuditLog _audit;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly IServiceScopeFactory _scopes;
    private readonly EgressProxy _egress;
    private int _disposed;

    public KernelRegistry(HubOptions options, KernelSpecCatalog catalog, UsageMeter usage, AuditLog audit, TimeProvider time, ILoggerFactory loggerFactory, IServiceScopeFactory scopes,
        EgressProxy egress)
    {
        _scopes = scopes;
        _egress = egress;
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _options = options;
        _catalog = catalog;
        _usage = usage;
        _audit = audit;
        _time = time;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<KernelRegistry>();
        var sandbox = ChooseSandbox(options);
        Sandboxed = sandbox is BubblewrapSandbox;
        LogSandbox(_logger, !Sandboxed ? "none" : options.KernelNetwork switch
        {
            KernelNetwork.Full => "bubblewrap, network per plan",
            KernelNetwork.Packages => "bubblewrap, network at most the package feeds",
            _ => "bubblewrap, no network",
        }, options.Sandbox);
        if (!Sandboxed)
        {
            LogNetworkUnenforced(_logger);
        }

        CgroupRoot = ChooseCgroups(options);
        _launcher = new LocalProcessLauncher(new LocalProcessLauncherOptions { RuntimeDirectory = options.RuntimeDirectory, TimeProvider = time, Sandbox = sandbox, CgroupRoot = CgroupRoot }, loggerFactory);
    }

    public IReadOnlyCollection<ManagedKernel> All => [.. _kernels.Values];

    public ManagedKernel? Find(string id) => _kernels.TryGetValue(id, out var kernel) ? kernel : null;

    /// <summary>The kernel with that id when it belongs to the user; null otherwise (another user's kernel does not exist for them).</summary>
    public ManagedKernel? FindOwned(string id, string userId) => Find(id) is { } kernel && kernel.Owner.UserId == userId ? kernel : null;

    /// <summary>The user's kernels.</summary>
    public IReadOnlyList<ManagedKernel> OwnedBy(string userId) => [.. _kernels.Values.Where(k => k.Owner.UserId == userId)];

    /// <summary>Resolves a spec by name (the default when null); 404 when there is none, 503 when the kernel is not built.</summary>
    public KernelSpec Spec(string? name)
    {
        name ??= KernelSpecCatalog.DefaultName;
        var spec = _catalog.Find(name) ?? throw new HubApiException(StatusCodes.Status404NotFound, $"No such kernel spec: {name}");
        if (spec.Argv.Count > 1 && spec.Argv[1].EndsWith(".dll", StringComparison.Ordinal) && !File.Exists(spec.Argv[1]))
        {
            throw new HubApiException(StatusCodes.Status503ServiceUnavailable, $"The kernel is not built: {spec.Argv[1]} is missing.");
        }

        return spec;
    }

    /// <summary>Kernels started and warmed for the next sessions (not anyone's yet).</summary>
    public int WarmCount => _warm.Count;

    /// <summary>Whether kernels run in the bubblewrap sandbox.</summary>
    public bool Sandboxed { get; }

    /// <summary>
    /// What a kernel of this owner may reach: their plan's network, capped by <c>Hub:KernelNetwork</c>. Without the
    /// sandbox nothing can be taken away (the hub refuses to start when <c>Hub:KernelNetwork</c> asks for less than
    /// <c>full</c>): then <see cref="KernelNetwork.Full"/>, and the start says so in the log.
    /// </summary>
    public KernelNetwork NetworkFor(KernelOwner owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return NetworkFor(owner.Network);
    }

    /// <summary>What a kernel of a plan with this network may reach here (<see cref="NetworkFor(KernelOwner)"/>).</summary>
    public KernelNetwork NetworkFor(KernelNetwork plan) => Sandboxed ? KernelNetworks.Strictest(plan, _options.KernelNetwork) : KernelNetwork.Full;

    /// <summary>Where kernels' control groups (their plan's CPU, memory and process limits) are made; null: not enforced.</summary>
    public string? CgroupRoot { get; }

    /// <summary>
    /// Starts a kernel of the spec for its owner, in <paramref name="workingDirectory"/> inside their files at
    /// <paramref name="contentsRoot"/>: one from the warm pool when the spec is the default, kernels are not sandboxed and
    /// one is ready (moved to the directory); else a new process, with the owner's own history file and package cache,
    /// and — sandboxed — able to write only there. With <paramref name="access"/>, the kernel can call the hub as its owner
    /// (the token is revoked when the kernel stops).
    /// </summary>
    public async Task<ManagedKernel> StartAsync(KernelOwner owner, KernelSpec spec, string contentsRoot, string workingDirectory, KernelHubAccess? access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(spec);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var kernel = await TakeWarmAsync(owner, spec, workingDirectory, OwnerEnvironment(owner, access), cancellationToken).ConfigureAwait(false)
            ?? await ManagedKernel.StartAsync(LaunchFor(owner, access, spec, contentsRoot, workingDirectory), _launcher, _time, _loggerFactory.CreateLogger("AIStudio.Hub.Kernels.Kernel"), cancellationToken).ConfigureAwait(false);
        kernel.Claim(owner);
        kernel.HubAccess = access;
        _kernels[kernel.Id] = kernel;
        RefillPoolSoon();
        var network = NetworkFor(owner);
        LogStarted(_logger, kernel.Id, kernel.Name, kernel.Process.ProcessId, owner.UserName, network);
        await _audit.RecordAsync(owner.UserName, AuditActions.KernelStarted, kernel.Id, owner.OrganizationId, kernel.Name).ConfigureAwait(false);
        return kernel;
    }

    /// <summary>Stops and forgets a kernel, booking its run time; false when there is none with that id.</summary>
    public async Task<bool> StopAsync(string id, string? actor = null)
    {
        if (!_kernels.TryRemove(id, out var kernel))
        {
            return false;
        }

        await kernel.DisposeAsync().ConfigureAwait(false);
        await RevokeHubAccessAsync(kernel).ConfigureAwait(false);
        await _usage.BookAsync(kernel).ConfigureAwait(false);
        await _audit.RecordAsync(actor ?? AuditLog.System, AuditActions.KernelStopped, kernel.Id, kernel.Owner.OrganizationId,
            $"{kernel.Name} of {kernel.Owner.UserName}, ran {(_time.GetUtcNow() - kernel.StartedAt).TotalSeconds:0} s").ConfigureAwait(false);
        return true;
    }

    /// <summary>What to launch for a user: their history file and NuGet cache under the data directory, writable with their files.</summary>
    private KernelLaunchRequest LaunchFor(KernelOwner owner, KernelHubAccess? access, KernelSpec spec, string contentsRoot, string workingDirectory)
    {
        var history = Path.Combine(_options.DataDirectory, "history", owner.UserId + ".jsonl");
        var packages = Path.Combine(_options.DataDirectory, "packages", owner.UserId);
        Directory.CreateDirectory(Path.GetDirectoryName(history)!);
        Directory.CreateDirectory(packages);
        Directory.CreateDirectory(contentsRoot);
        if (!File.Exists(history))
        {
            File.WriteAllBytes(history, []);
        }

        var network = NetworkFor(owner);
        var kernelId = Guid.NewGuid().ToString("N");
        var environment = new Dictionary<string, string?>(OwnerEnvironment(owner, access), StringComparer.Ordinal)
        {
            ["AISTUDIO_HISTORY_FILE"] = history,
            ["NUGET_PACKAGES"] = packages,
            ["AISTUDIO_LIBTORCH"] = _options.LibTorchDirectory,
            ["AISTUDIO_KERNEL_NETWORK"] = KernelNetworks.Name(network),
        };
        if (network != KernelNetwork.Full)
        {
            // Nothing the dotnet CLI (under #r "nuget:") would send home on its own: telemetry, first-run checks.
            environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            environment["DOTNET_NOLOGO"] = "1";
            environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        }

        return new KernelLaunchRequest
        {
            Spec = spec,
            WorkingDirectory = workingDirectory,
            Environment = environment,
            WritablePaths = [contentsRoot, history, packages],
            Limits = owner.Limits,
            KernelId = kernelId,
            IsolateNetwork = network != KernelNetwork.Full,
            Links = network == KernelNetwork.Packages ? LinksFor(kernelId, owner, access) : [],
        };
    }

    /// <summary>
    /// The ways out of a kernel with <c>packages</c> network: the egress proxy (a listener of its own, so that what it asks
    /// for is logged with its user) and, when it may call the hub, the hub's port relayed to the same port inside.
    /// </summary>
    private List<KernelLink> LinksFor(string kernelId, KernelOwner owner, KernelHubAccess? access)
    {
        List<KernelLink> links = [new(KernelLinks.EgressProxy, 0, socket => _egress.Serve(new UnixDomainSocketEndPoint(socket), kernelId, owner.UserName))];
        if (access is { Hub: { IsLoopback: true } hub })
        {
            links.Add(new(KernelLinks.Hub, hub.Port, socket => SocketRelay.Start(new UnixDomainSocketEndPoint(socket), new IPEndPoint(IPAddress.Loopback, hub.Port))));
        }

        return links;
    }

    /// <summary>
    /// Who the kernel works for, as the extensions read it: the user's name (dataset provenance) and whether the plan is
    /// commercial (licences that forbid commercial use are refused then); and, given access, the hub's address and a
    /// token to call it as the owner (the Deploy extension's <c>Deploy.Hub</c>).
    /// </summary>
    private static Dictionary<string, string?> OwnerEnvironment(KernelOwner owner, KernelHubAccess? access) => new(StringComparer.Ordinal)
    {
        ["AISTUDIO_USER"] = owner.UserName,
        ["AISTUDIO_COMMERCIAL"] = owner.Commercial ? "1" : "0",
        ["AISTUDIO_HUB_URL"] = access?.Hub.AbsoluteUri,
        ["AISTUDIO_HUB_TOKEN"] = access?.Token,
    };

    /// <summary>Revokes the token a stopped kernel had for calling the hub; a failure is logged, never thrown (the kernel is gone).</summary>
    private async Task RevokeHubAccessAsync(ManagedKernel kernel)
    {
        if (kernel.HubAccess is not { } access)
        {
            return;
        }

        try
        {
            using var scope = _scopes.CreateScope();
            var tokens = scope.ServiceProvider.GetRequiredService<Tokens.ApiTokenService>();
            await tokens.RevokeAsync(kernel.Owner.UserId, kernel.Owner.UserName, access.TokenId, AuditLog.System).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // stopping a kernel must not fail on its token; the token expires anyway
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogRevokeFailed(_logger, kernel.Id, access.TokenId, e.Message);
        }
    }

    Task IHostedService.StartAsync(CancellationToken cancellationToken)
    {
        FillPool();
        return Task.CompletedTask;
    }

    async Task IHostedService.StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        var stops = _kernels.Keys.Select(id => StopAsync(id)).ToArray();
        var warm = new List<ManagedKernel>();
        while (_warm.TryDequeue(out var kernel))
        {
            warm.Add(kernel);
        }

        await Task.WhenAll([.. stops, .. warm.Select(k => k.DisposeAsync().AsTask())]).ConfigureAwait(false);
        LogAllStopped(_logger, stops.Length);
    }


    [LoggerMessage(Level = LogLevel.Information, Message = "Kernel {KernelId} ({Name}) started as process {ProcessId} for {User}, network {Network}.")]
    private static partial void LogStarted(ILogger logger, string kernelId, string name, int? processId, string user, KernelNetwork network);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kernels are not sandboxed: the plans' kernel networks (packages, none) are not enforced, every kernel has the host's network (Hub:Sandbox).")]
    private static partial void LogNetworkUnenforced(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kernel sandbox: {Sandbox} (Hub:Sandbox = {Configured}).")]
    private static partial void LogSandbox(ILogger logger, string sandbox, string configured);



    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped {Count} kernels at hub shutdown.")]
    private static partial void LogAllStopped(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kernel {KernelId}: revoking its hub token {TokenId} failed: {Reason}")]
    private static partial void LogRevokeFailed(ILogger logger, string kernelId, string tokenId, string reason);
}
