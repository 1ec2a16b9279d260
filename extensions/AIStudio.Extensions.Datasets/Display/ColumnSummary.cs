namespace AIStudio.Extensions.Datasets.Display;

/// <summary>Summary statistics of one column: mean/std/min/max for numbers, distinct values and the most frequent one otherwise.</summary>
public sealed record ColumnSummary(
    string Column,
    string Type,
    long Count,
    long Nulls,
    double? Mean,
    double? Std,
    double? Min,
    double? Max,
    long? Distinct,
    string? Top,
    long? TopFrequency);
