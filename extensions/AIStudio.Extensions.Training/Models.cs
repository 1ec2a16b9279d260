using Microsoft.ML;
using TorchSharp;

namespace AIStudio.Extensions.Training;

/// <summary>
/// Saving and loading trained models, atomically (a failed save leaves the previous file whole): TorchSharp modules as
/// their weights (load them into a module of the same shape), ML.NET models as ML.NET's zip with the input schema.
/// </summary>
public static class Models
{
    /// <summary>Saves a TorchSharp module's weights to <paramref name="path"/>; returns the full path.</summary>
    public static string Save(torch.nn.Module module, string path)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            module.save(writer);
        });
    }

    /// <summary>Loads weights saved by <see cref="Save(torch.nn.Module, string)"/> into <paramref name="module"/> (same architecture) and returns it.</summary>
    public static T Load<T>(T module, string path) where T : torch.nn.Module
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No saved model at {path}.", path);
        }

        module.load(path);
        return module;
    }

    /// <summary>Saves an ML.NET model with the schema of the data it takes; returns the full path.</summary>
    public static string Save(MLContext ml, ITransformer model, DataViewSchema inputSchema, string path)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return AtomicFile.Write(path, stream => ml.Model.Save(model, inputSchema, stream));
    }

    /// <summary>Loads an ML.NET model saved by <see cref="Save(MLContext, ITransformer, DataViewSchema, string)"/>.</summary>
    public static ITransformer Load(MLContext ml, string path, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No saved model at {path}.", path);
        }

        return ml.Model.Load(path, out inputSchema);
    }
}
