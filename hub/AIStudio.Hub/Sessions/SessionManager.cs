using AIStudio.Hub.Hosting;
using AIStudio.Hub.Kernels;

namespace AIStudio.Hub.Sessions;

/// <summary>
/// Sessions, in memory (they live as long as their kernels, which live in this process): create (starting a kernel by
/// name or using one of the owner's by id), list, get, update (path, name, type, kernel) and delete (which stops the
/// kernel), as jupyter_server's SessionManager does, each user seeing only their own. A session whose kernel is gone is dropped.
/// </summary>
public sealed class SessionManager(KernelRegistry kernels) : IDisposable
{
    private readonly Dictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<(SessionModel Model, bool Created)> CreateAsync(string ownerId, KernelStart start, string path, string? name, string? type, string? kernelName, string? kernelId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Prune();
            if (_sessions.Values.FirstOrDefault(s => s.OwnerId == ownerId && s.Path == path) is { } existing)
            {
                return (Model(existing)!, false);
            }

            var kernel = await KernelFor(ownerId, start, kernelName, kernelId, path, cancellationToken).ConfigureAwait(false);
            var session = new Session(Guid.NewGuid().ToString(), ownerId, path, name ?? "", type ?? "notebook", kernel.Id);
            _sessions[session.Id] = session;
            return (Model(session)!, true);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<SessionModel>> ListAsync(string ownerId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Prune();
            return [.. _sessions.Values.Where(s => s.OwnerId == ownerId).Select(Model).OfType<SessionModel>()];
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<SessionModel?> GetAsync(string ownerId, string id, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Prune();
            return _sessions.TryGetValue(id, out var session) && session.OwnerId == ownerId ? Model(session) : null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>PATCH: changes path, name, type, or the kernel (a new one by name, or another by id; the one left behind is stopped).</summary>
    public async Task<SessionModel?> UpdateAsync(string ownerId, KernelStart start, string id, string? path, string? name, string? type, string? kernelName, string? kernelId, CancellationToken cancellationToken)
    {
        string? orphan = null;
        SessionModel? model;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Prune();
            if (!_sessions.TryGetValue(id, out var session) || session.OwnerId != ownerId)
            {
                return null;
            }

            var updated = session with { Path = path ?? session.Path, Name = name ?? session.Name, Type = type ?? session.Type };
            if (kernelId is not null || kernelName is not null)
            {
                var kernel = await KernelFor(ownerId, start, kernelName, kernelId, updated.Path, cancellationToken).ConfigureAwait(false);
                if (kernel.Id != session.KernelId)
                {
                    orphan = session.KernelId;
                    updated = updated with { KernelId = kernel.Id };
                }
            }

            _sessions[id] = updated;
            if (orphan is not null && _sessions.Values.Any(s => s.KernelId == orphan))
            {
                orphan = null;
            }

            model = Model(updated);
        }
        finally
        {
            _gate.Release();
        }

        if (orphan is not null)
        {
            await kernels.StopAsync(orphan).ConfigureAwait(false);
        }

        return model;
    }

    /// <summary>Deletes the session and stops its kernel; false when there is no such session.</summary>
    public async Task<bool> DeleteAsync(string ownerId, string id, string actor, CancellationToken cancellationToken)
    {
        Session? session;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_sessions.TryGetValue(id, out session) || session.OwnerId != ownerId)
            {
                return false;
            }

            _sessions.Remove(id);
        }
        finally
        {
            _gate.Release();
        }

        await kernels.StopAsync(session.KernelId, actor).ConfigureAwait(false);
        return true;
    }

    public void Dispose() => _gate.Dispose();

    private async Task<ManagedKernel> KernelFor(string ownerId, KernelStart start, string? kernelName, string? kernelId, string path, CancellationToken cancellationToken)
    {
        // As jupyter_server: an id names one of the caller's kernels when there is one; otherwise (dotnet interactive's
        // #!connect sends an id it made up) a kernel is started by name and the answer carries its real id. Another
        // user's kernel id is no different from an unknown one.
        if (kernelId is not null && kernels.FindOwned(kernelId, ownerId) is { } existing)
        {
            return existing;
        }

        return await start(kernelName, path, cancellationToken).ConfigureAwait(false);
    }

    private void Prune()
    {
        foreach (var gone in _sessions.Values.Where(s => kernels.Find(s.KernelId) is null).Select(s => s.Id).ToArray())
        {
            _sessions.Remove(gone);
        }
    }

    private SessionModel? Model(Session session) =>
        kernels.Find(session.KernelId) is { } kernel
            ? new SessionModel(session.Id, session.Path, session.Name, session.Type, KernelModel.From(kernel),
                session.Type == "notebook" ? new NotebookReference(session.Path, session.Name) : null)
            : null;
}
