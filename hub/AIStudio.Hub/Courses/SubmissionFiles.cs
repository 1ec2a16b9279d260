using AIStudio.Hub.Hosting;

namespace AIStudio.Hub.Courses;

/// <summary>Submitted notebooks on disk: <c>submissions/{user}/{submission}.ipynb</c> under the data directory, written atomically, kept as sent.</summary>
public sealed class SubmissionFiles(HubOptions options)
{
    private readonly string _root = Path.Combine(options.DataDirectory, "submissions");

    public string PathOf(string userId, string submissionId) => Path.Combine(_root, userId, submissionId + ".ipynb");

    public async Task WriteAsync(string userId, string submissionId, byte[] notebook, CancellationToken cancellationToken)
    {
        var path = PathOf(userId, submissionId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, notebook, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }

    public Task<byte[]> ReadAsync(string userId, string submissionId, CancellationToken cancellationToken) =>
        File.ReadAllBytesAsync(PathOf(userId, submissionId), cancellationToken);

    /// <summary>Deletes a user's submitted notebooks (with their account).</summary>
    public void DeleteAllOf(string userId)
    {
        var folder = Path.Combine(_root, userId);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
