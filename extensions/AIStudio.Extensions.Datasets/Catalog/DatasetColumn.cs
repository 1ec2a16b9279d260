namespace AIStudio.Extensions.Datasets.Catalog;

/// <summary>One column of a dataset: its name, its type (<c>string</c>, <c>double</c>, <c>int</c>, <c>long</c>, <c>bool</c>) and what it holds.</summary>
public sealed record DatasetColumn(string Name, string Type, string? Description = null);
