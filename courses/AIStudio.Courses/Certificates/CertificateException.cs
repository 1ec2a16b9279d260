namespace AIStudio.Courses.Certificates;

/// <summary>A certificate that cannot be issued, or a key or key set that cannot be read or found; the message says why.</summary>
public sealed class CertificateException : Exception
{
    /// <summary>An exception without a message.</summary>
    public CertificateException()
    {
    }

    /// <summary>An exception that says why.</summary>
    public CertificateException(string message)
        : base(message)
    {
    }

    /// <summary>An exception that says why, caused by <paramref name="innerException"/>.</summary>
    public CertificateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
