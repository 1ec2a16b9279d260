using Microsoft.ML.OnnxRuntime;

namespace AIStudio.Serving;

/// <summary>
/// A request's inputs as ONNX Runtime takes them (<see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string})"/>):
/// the model's input names and one tensor for each, in the same order. The tensors of numbers use the arrays read from the
/// request (pinned, not copied) until this is disposed.
/// </summary>
public sealed class ModelInputs : IDisposable
{
    private readonly List<string> _names;
    private readonly List<OrtValue> _values;

    internal ModelInputs(int capacity)
    {
        _names = new List<string>(capacity);
        _values = new List<OrtValue>(capacity);
    }

    public IReadOnlyList<string> Names => _names;

    public IReadOnlyList<OrtValue> Values => _values;

    internal void Add(string name, OrtValue value)
    {
        _names.Add(name);
        _values.Add(value);
    }

    public void Dispose()
    {
        foreach (var value in _values)
        {
            value.Dispose();
        }

        _values.Clear();
    }
}
