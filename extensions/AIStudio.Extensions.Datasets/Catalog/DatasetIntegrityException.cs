namespace AIStudio.Extensions.Datasets.Catalog;

/// <summary>A dataset file's SHA-256 differs from the one recorded for it: it was changed or damaged since it was recorded.</summary>
public sealed class DatasetIntegrityException : Exception
{
    public DatasetIntegrityException()
    {
    }

    public DatasetIntegrityException(string message)
        : base(message)
    {
    }

    public DatasetIntegrityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
