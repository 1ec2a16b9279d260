using System.Globalization;

namespace AIStudio.Kernel.Hosting;

/// <summary>
/// The kernel's log: lines on the process's real standard error, opened as a raw stream so that it never goes
/// through <see cref="Console"/> (which cells redirect, and which hangs .NET Interactive from event handlers).
/// </summary>
public sealed class KernelLog
{
    private readonly TextWriter _writer;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    public KernelLog(TextWriter writer, TimeProvider time, bool verbose)
    {
        _writer = writer;
        _time = time;
        Verbose = verbose;
    }

    public bool Verbose { get; }

    /// <summary>A log on the real standard error of the process.</summary>
    public static KernelLog ToStandardError(TimeProvider time, bool verbose) =>
        new(new StreamWriter(Console.OpenStandardError()) { AutoFlush = true }, time, verbose);

    public void Debug(string message)
    {
        if (Verbose)
        {
            Write("debug", message);
        }
    }

    public void Info(string message) => Write("info", message);

    public void Warn(string message) => Write("warn", message);

    public void Error(string message, Exception? exception = null) =>
        Write("error", exception is null ? message : $"{message}: {exception}");

    private void Write(string level, string message)
    {
        var stamp = _time.GetUtcNow().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
        lock (_gate)
        {
            try
            {
                _writer.WriteLine($"[aistudio-kernel {stamp} {level}] {message}");
            }
            catch (IOException)
            {
                // Standard error is gone (the parent closed it): logging must never take the kernel down.
            }
        }
    }
}
