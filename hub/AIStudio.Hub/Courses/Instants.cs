namespace AIStudio.Hub.Courses;

/// <summary>Instants as the database keeps them: whole milliseconds (SQLite stores a packed binary form that drops finer ticks), so what an API answers first equals what it reads back later.</summary>
public static class Instants
{
    public static DateTimeOffset Now(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }
}
