namespace AIStudio.Extensions.Datasets.Registration;

/// <summary>Data was refused because of its licence (missing, unknown, or not allowed on this plan); the message says why and what to do.</summary>
public sealed class DatasetLicenseException : Exception
{
    public DatasetLicenseException()
    {
    }

    public DatasetLicenseException(string message)
        : base(message)
    {
    }

    public DatasetLicenseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
