namespace AIStudio.Extensions.Datasets.Analysis;

/// <summary>The inferred type of one CSV column, how many values are missing, and a note when a few values spoil a numeric column.</summary>
public sealed record ColumnTypeReport(string Column, string InferredType, int Missing, int Present, string? Note);
