namespace AIStudio.Extensions.Charts;

/// <summary>A chart asked for a column the DataFrame does not have; the message lists the columns it has.</summary>
public sealed class MissingColumnException : ArgumentException
{
    public MissingColumnException()
    {
    }

    public MissingColumnException(string message)
        : base(message)
    {
    }

    public MissingColumnException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MissingColumnException(string column, IReadOnlyList<string> columns, string parameterName)
        : base(Describe(column, columns), parameterName)
    {
        Column = column;
        Columns = columns;
    }

    /// <summary>The column that was asked for.</summary>
    public string? Column { get; }

    /// <summary>The columns the DataFrame has.</summary>
    public IReadOnlyList<string> Columns { get; } = [];

    private static string Describe(string column, IReadOnlyList<string> columns) =>
        columns.Count == 0
            ? $"There is no column '{column}': the DataFrame has no columns."
            : $"There is no column '{column}' in the DataFrame. Its columns are: {string.Join(", ", columns)}.";
}
