namespace AIStudio.Extensions.Grading;

/// <summary>One visible test cell of an assignment, run in the kernel: its grade id, points, and the error when it failed.</summary>
public sealed record CheckResult(string Test, double Points, bool Passed, string? Message);
