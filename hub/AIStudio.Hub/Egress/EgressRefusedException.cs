namespace AIStudio.Hub.Egress;

/// <summary>A tunnel the egress proxy will not open although its host is allowed (it resolves into this machine).</summary>
public sealed class EgressRefusedException : Exception
{
    public EgressRefusedException()
    {
    }

    public EgressRefusedException(string message)
        : base(message)
    {
    }

    public EgressRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
