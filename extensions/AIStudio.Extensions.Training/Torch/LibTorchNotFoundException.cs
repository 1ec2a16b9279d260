namespace AIStudio.Extensions.Training.Torch;

/// <summary>TorchSharp was used where no libtorch could be found; the message says where it was looked for and what to do.</summary>
public sealed class LibTorchNotFoundException(string message) : Exception(message);
