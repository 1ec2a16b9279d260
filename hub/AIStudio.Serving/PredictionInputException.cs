namespace AIStudio.Serving;

/// <summary>A predict request's body that does not fit the model: the message names the field and says what was expected (an HTTP 400).</summary>
public sealed class PredictionInputException : Exception
{
    public PredictionInputException()
    {
    }

    public PredictionInputException(string message)
        : base(message)
    {
    }

    public PredictionInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
