using System.Diagnostics;
using System.Runtime.InteropServices;

/// <summary>
/// Sleeps to a Stopwatch time with the kernel's high-resolution timer (clock_nanosleep(2), ~0.1 ms late here), where
/// .NET's timers (Task.Delay, Thread.Sleep) count whole milliseconds and wake up to ~1–3 ms late under load: at 2,000
/// requests a second, that lateness was larger than the latency under measurement.
/// </summary>
internal static partial class PreciseSleep
{
    private const int ClockMonotonic = 1;

    public static void Until(long timestamp)
    {
        while (true)
        {
            var remaining = timestamp - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            var nanoseconds = remaining * (1_000_000_000.0 / Stopwatch.Frequency);
            var span = new TimeSpec { Seconds = (long)(nanoseconds / 1e9), Nanoseconds = (long)(nanoseconds % 1e9) };
            // Relative sleep; EINTR (a signal) returns early, and the loop sleeps the rest.
            _ = ClockNanosleep(ClockMonotonic, 0, ref span, IntPtr.Zero);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_nanosleep")]
    private static partial int ClockNanosleep(int clock, int flags, ref TimeSpec request, IntPtr remaining);
}
