namespace AIStudio.Hub.Kernels;

/// <summary>
/// The links of clients whose WebSocket dropped, kept (and buffering) for a while by session_id, so a client that
/// reconnects with the same session_id gets the output it missed, as jupyter_server does.
/// </summary>
internal sealed class ParkedClientLinks(TimeProvider time)
{
    private readonly Dictionary<string, (ClientLink Link, ITimer Expiry)> _parked = new(StringComparer.Ordinal);
    private bool _closed;

    /// <summary>Keeps a link until <see cref="Take"/> asks for it or <paramref name="keep"/> passes (then it is disposed).</summary>
    public void Park(string sessionId, ClientLink link, TimeSpan keep)
    {
        ClientLink? replaced = null;
        var expiry = time.CreateTimer(_ => _ = ExpireAsync(sessionId, link), null, keep, Timeout.InfiniteTimeSpan);
        bool closed;
        lock (_parked)
        {
            closed = _closed;
            if (!closed)
            {
                if (_parked.Remove(sessionId, out var old))
                {
                    old.Expiry.Dispose();
                    replaced = old.Link;
                }

                _parked[sessionId] = (link, expiry);
            }
        }

        if (closed)
        {
            expiry.Dispose();
            _ = link.DisposeAsync().AsTask();
        }

        if (replaced is not null)
        {
            _ = replaced.DisposeAsync().AsTask();
        }
    }

    /// <summary>The parked link of a reconnecting client, or null.</summary>
    public ClientLink? Take(string sessionId)
    {
        lock (_parked)
        {
            if (!_parked.Remove(sessionId, out var parked))
            {
                return null;
            }

            parked.Expiry.Dispose();
            return parked.Link;
        }
    }

    /// <summary>Parks nothing more and hands back every parked link, for the kernel's shutdown to dispose.</summary>
    public List<ClientLink> CloseAndTakeAll()
    {
        lock (_parked)
        {
            _closed = true;
            var links = _parked.Values.Select(p => p.Link).ToList();
            foreach (var parked in _parked.Values)
            {
                parked.Expiry.Dispose();
            }

            _parked.Clear();
            return links;
        }
    }

    private async Task ExpireAsync(string sessionId, ClientLink link)
    {
        lock (_parked)
        {
            if (!_parked.TryGetValue(sessionId, out var parked) || !ReferenceEquals(parked.Link, link))
            {
                return;
            }

            _parked.Remove(sessionId);
            parked.Expiry.Dispose();
        }

        await link.DisposeAsync().ConfigureAwait(false);
    }
}
