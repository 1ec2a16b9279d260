using System.Text;
using System.Text.Json;
using AIStudio.Kernel.Output;
using AIStudio.Kernel.Protocol;
using AIStudio.Kernel.Protocol.Messages;
using AIStudio.Kernel.Protocol.Messages.Content;

namespace AIStudio.Kernel.Hosting;

/// <summary>
/// The output of one execute_request on iopub. Stream text is batched: writes are gathered and sent at most every
/// <see cref="FlushInterval"/> (or at 64 KiB, a change of stream, any other output, and the end of the cell), so a
/// loop of many small writes becomes a few stream messages, in order.
/// </summary>
internal sealed class IOPubSink : IOutputSink, IDisposable
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(50);
    private const int MaxBufferedChars = 64 * 1024;

    private readonly Outbox _outbox;
    private readonly StdinBroker _stdin;
    private readonly JupyterMessage _request;
    private readonly bool _quiet;
    private readonly bool _allowStdin;
    private readonly Lock _gate = new();
    private readonly StringBuilder _buffer = new();
    private readonly ITimer _timer;
    private readonly List<JsonElement> _payloads = [];
    private string? _bufferName;
    private bool _timerArmed;

    public IOPubSink(Outbox outbox, StdinBroker stdin, JupyterMessage request, bool quiet, bool allowStdin)
    {
        _outbox = outbox;
        _stdin = stdin;
        _request = request;
        _quiet = quiet;
        _allowStdin = allowStdin;
        _timer = outbox.Time.CreateTimer(_ => Flush(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public IReadOnlyList<JsonElement> Payloads
    {
        get
        {
            lock (_gate)
            {
                return [.. _payloads];
            }
        }
    }

    public void WriteStream(string name, string text)
    {
        if (_quiet || text.Length == 0)
        {
            return;
        }

        lock (_gate)
        {
            if (_bufferName != name && _buffer.Length > 0)
            {
                FlushLocked();
            }

            _bufferName = name;
            _buffer.Append(text);
            if (_buffer.Length >= MaxBufferedChars)
            {
                FlushLocked();
            }
            else if (!_timerArmed)
            {
                _timerArmed = true;
                try
                {
                    _timer.Change(FlushInterval, Timeout.InfiniteTimeSpan);
                }
                catch (ObjectDisposedException)
                {
                    // A background thread wrote after the next cell took over: send it now.
                    FlushLocked();
                }
            }
        }
    }

    public void Display(MimeBundle bundle, string? displayId, bool update)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        if (_quiet)
        {
            return;
        }

        Flush();
        if (update)
        {
            if (displayId is null)
            {
                return;
            }

            _outbox.Publish(MessageTypes.UpdateDisplayData, new UpdateDisplayData { Data = bundle.Data, Metadata = bundle.Metadata, Transient = new DisplayTransient { DisplayId = displayId } }, ProtocolJson.Default.UpdateDisplayData, _request.Header);
        }
        else
        {
            _outbox.Publish(MessageTypes.DisplayData, new DisplayData { Data = bundle.Data, Metadata = bundle.Metadata, Transient = displayId is null ? null : new DisplayTransient { DisplayId = displayId } }, ProtocolJson.Default.DisplayData, _request.Header);
        }
    }

    public void ClearOutput(bool wait)
    {
        if (_quiet)
        {
            return;
        }

        Flush();
        _outbox.Publish(MessageTypes.ClearOutput, new ClearOutput { Wait = wait }, ProtocolJson.Default.ClearOutput, _request.Header);
    }

    public void AddPayload(JsonElement payload)
    {
        lock (_gate)
        {
            _payloads.Add(payload);
        }
    }

    public string RequestInput(string prompt, bool password, CancellationToken cancellationToken)
    {
        if (!_allowStdin)
        {
            throw new InvalidOperationException("This front-end does not support input requests (allow_stdin is false).");
        }

        Flush();
        return _stdin.Request(_request, prompt, password, cancellationToken);
    }

    /// <summary>Publishes buffered stream text now.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            FlushLocked();
        }
    }

    /// <summary>Publishes an error on iopub.</summary>
    public void PublishError(ErrorOutput error)
    {
        if (_quiet)
        {
            return;
        }

        Flush();
        _outbox.Publish(MessageTypes.Error, error, ProtocolJson.Default.ErrorOutput, _request.Header);
    }

    /// <summary>Publishes the cell's result on iopub.</summary>
    public void PublishResult(int executionCount, MimeBundle result)
    {
        if (_quiet)
        {
            return;
        }

        Flush();
        _outbox.Publish(MessageTypes.ExecuteResult, new ExecuteResult { ExecutionCount = executionCount, Data = result.Data, Metadata = result.Metadata }, ProtocolJson.Default.ExecuteResult, _request.Header);
    }

    public void Dispose() => _timer.Dispose();

    private void FlushLocked()
    {
        _timerArmed = false;
        if (_buffer.Length == 0 || _bufferName is null)
        {
            return;
        }

        var text = _buffer.ToString();
        _buffer.Clear();
        _outbox.Publish(MessageTypes.Stream, new StreamOutput { Name = _bufferName, Text = text }, ProtocolJson.Default.StreamOutput, _request.Header);
    }
}
