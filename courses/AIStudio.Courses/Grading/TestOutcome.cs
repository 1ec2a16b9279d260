using System.Text.Json.Serialization;

namespace AIStudio.Courses.Grading;

/// <summary>What became of one graded cell.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TestOutcome>))]
public enum TestOutcome
{
    [JsonStringEnumMemberName("passed")]
    Passed,

    [JsonStringEnumMemberName("failed")]
    Failed,

    [JsonStringEnumMemberName("timed_out")]
    TimedOut,

    [JsonStringEnumMemberName("memory_exceeded")]
    MemoryExceeded,

    [JsonStringEnumMemberName("kernel_died")]
    KernelDied,

    [JsonStringEnumMemberName("not_run")]
    NotRun,

    [JsonStringEnumMemberName("manual")]
    ManualGrading,
}
