namespace AIStudio.Kernel;

/// <summary>A command line that can't be run: the message says what is wrong, the usage follows.</summary>
internal sealed class UsageException(string message) : Exception(message);
