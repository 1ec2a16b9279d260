namespace AIStudio.Extensions.Training.Tests;

/// <summary>A clock the test moves by hand, for elapsed time, ETA and update throttling.</summary>
internal sealed class ManualClock : TimeProvider
{
    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _ticks;

    public void Advance(TimeSpan time) => _ticks += time.Ticks;
}
