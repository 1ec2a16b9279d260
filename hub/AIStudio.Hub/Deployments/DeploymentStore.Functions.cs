using System.Text;
using AIStudio.Hub.Hosting;
using AIStudio.Hub.Plans;
using AIStudio.Serving;

namespace AIStudio.Hub.Deployments;

/// <summary>
/// Publishing C# functions: the source read from the request, staged like a model file, and compiled by the function
/// host in a short-lived sandboxed process (never in the hub's): its errors with line and column are the 400's message,
/// its compiled types the version's schema.
/// </summary>
public sealed partial class DeploymentStore
{
    /// <summary>The largest function source a version takes.</summary>
    public const int FunctionSourceMaxBytes = 1024 * 1024;

    private static VersionUpload FunctionUpload(string? source, string? note)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            throw new HubApiException(StatusCodes.Status400BadRequest,
                "No source: send the C# function as 'source', with a public static method Predict taking one input (a record, a class or a value) and returning the output.");
        }

        var bytes = Encoding.UTF8.GetBytes(source);
        if (bytes.Length > FunctionSourceMaxBytes)
        {
            throw new HubApiException(StatusCodes.Status413PayloadTooLarge,
                $"The function's source is {PlanContentsQuota.Size(bytes.Length)}: a version's source may be at most {PlanContentsQuota.Size(FunctionSourceMaxBytes)}.");
        }

        return new VersionUpload(DeploymentKinds.Function, null, bytes, bytes.Length, Note(note));
    }

    private static string Note(string? note)
    {
        var trimmed = (note ?? "").Trim();
        return trimmed.Length > 500
            ? throw new HubApiException(StatusCodes.Status400BadRequest, $"'note' is {trimmed.Length} characters long: at most 500.")
            : trimmed;
    }

    /// <summary>Writes the source to a staging file beside the deployments' files (so it can be moved into place atomically).</summary>
    private async Task<string> StageAsync(byte[] content, string extension, CancellationToken cancellationToken)
    {
        var staging = Path.Combine(options.DeploymentsDirectory, ".staging");
        Directory.CreateDirectory(staging);
        var path = Path.Combine(staging, $"{Guid.NewGuid():N}{extension}");
        await File.WriteAllBytesAsync(path, content, cancellationToken).ConfigureAwait(false);
        return path;
    }

    /// <summary>The function's schema, from its compiled types; a 400 with the compiler's errors (line and column) when it does not compile.</summary>
    private async Task<DeploymentSchema> CompileAsync(string staged, CancellationToken cancellationToken)
    {
        FunctionCheck check;
        try
        {
            check = await functionLauncher.CheckAsync(staged, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            throw new HubApiException(StatusCodes.Status503ServiceUnavailable, $"The function could not be compiled now: {e.Message}", e);
        }

        if (!check.Ok)
        {
            throw new HubApiException(StatusCodes.Status400BadRequest,
                $"The function does not compile:\n{string.Join('\n', check.Diagnostics.Select(d => d.ToString()))}") { Reason = "Compile Error" };
        }

        return check.DeploymentSchema();
    }

    /// <summary>What a request to add a version carries: an ONNX model's file, or a function's source (UTF-8).</summary>
    private sealed record VersionUpload(string Kind, IFormFile? File, byte[]? Source, long Size, string Note);
}
