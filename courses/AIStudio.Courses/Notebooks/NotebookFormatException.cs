namespace AIStudio.Courses.Notebooks;

/// <summary>A file that is not an nbformat 4 notebook; the message says where and why.</summary>
public sealed class NotebookFormatException : Exception
{
    public NotebookFormatException()
    {
    }

    public NotebookFormatException(string message)
        : base(message)
    {
    }

    public NotebookFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public NotebookFormatException(string message, int line, int column, Exception? innerException = null)
        : base(message, innerException)
    {
        Line = line;
        Column = column;
    }

    /// <summary>1-based line of the problem, 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>1-based column of the problem, 0 when unknown.</summary>
    public int Column { get; }
}
