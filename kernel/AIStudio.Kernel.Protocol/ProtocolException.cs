namespace AIStudio.Kernel.Protocol;

/// <summary>A message that breaks the Jupyter wire protocol: bad framing, bad signature, bad JSON.</summary>
public sealed class ProtocolException : Exception
{
    public ProtocolException()
    {
    }

    public ProtocolException(string message)
        : base(message)
    {
    }

    public ProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
