using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace AIStudio.TestKit;

/// <summary>
/// A logger factory for tests: keeps the last lines in memory (to print when a test fails) and copies them to the test
/// output of whichever test is attached (a fixture outlives its tests, so they attach and detach).
/// </summary>
public sealed class TestLog : ILoggerFactory
{
    private const int LinesKept = 500;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TimeProvider _time;
    private readonly List<(Func<string, bool> Predicate, TaskCompletionSource<string> Found)> _waiters = [];
    private volatile ITestOutputHelper? _output;

    public TestLog(TimeProvider? timeProvider = null) => _time = timeProvider ?? TimeProvider.System;

    /// <summary>The last lines logged, oldest first.</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>Copies lines to a test's output until the returned handle is disposed.</summary>
    public IDisposable Attach(ITestOutputHelper output)
    {
        _output = output;
        return new Detach(this, output);
    }

    public void Write(string category, LogLevel level, string message, Exception? exception = null)
    {
        var line = $"{_time.GetUtcNow():HH:mm:ss.fff} {level,-11} {category}: {message}{(exception is null ? "" : " " + exception)}";
        _lines.Enqueue(line);
        while (_lines.Count > LinesKept && _lines.TryDequeue(out _))
        {
        }

        lock (_waiters)
        {
            foreach (var waiter in _waiters.Where(w => w.Predicate(message)).ToList())
            {
                waiter.Found.TrySetResult(message);
                _waiters.Remove(waiter);
            }
        }

        try
        {
            _output?.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The attached test has ended.
        }
    }

    /// <summary>Waits for a logged message (already logged, or to come) that matches.</summary>
    public Task<string> WaitForAsync(Func<string, bool> predicate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            _waiters.Add((predicate, found));
        }

        foreach (var line in _lines)
        {
            if (predicate(line))
            {
                found.TrySetResult(line);
            }
        }

        return found.Task.WaitAsync(cancellationToken);
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("TestLog has no providers.");

    public void Dispose()
    {
    }

    public override string ToString() => string.Join(Environment.NewLine, _lines);

    private sealed class Logger(TestLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            log.Write(category, logLevel, formatter(state, exception), exception);
        }
    }

    private sealed class Detach(TestLog log, ITestOutputHelper output) : IDisposable
    {
        public void Dispose()
        {
            if (ReferenceEquals(log._output, output))
            {
                log._output = null;
            }
        }
    }
}
