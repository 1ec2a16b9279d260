using AIStudio.Hub.Hosting;

namespace AIStudio.Hub.Contents;

/// <summary>Whole directories written or removed at once (a dataset's folder: its data, licence and record).</summary>
public sealed partial class ContentsStore
{
    /// <summary>Held while a staged directory is checked for and renamed into place (<see cref="CreateDirectoryAsync"/>).</summary>
    private static readonly Lock DirectoryCreation = new();

    /// <summary>
    /// A new directory at <paramref name="path"/> holding what <paramref name="fill"/> writes, made whole or not at all:
    /// the files are written into a hidden folder beside the target (given to <paramref name="fill"/>) and that folder is
    /// renamed into place, so nobody ever sees part of it. Never over an existing file or directory (409). The
    /// <paramref name="bytes"/> it will hold are checked against the storage quota first; missing parent directories are
    /// made (a new top-level one counts as a project). Nothing is left behind when <paramref name="fill"/> throws.
    /// </summary>
    public async Task<ContentsModel> CreateDirectoryAsync(string path, long bytes, Func<string, CancellationToken, Task> fill, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fill);
        var full = Resolve(path);
        if (full == _root)
        {
            throw new HubApiException(StatusCodes.Status400BadRequest, "Cannot create the root directory.");
        }

        if (File.Exists(full) || Directory.Exists(full))
        {
            throw new HubApiException(StatusCodes.Status409Conflict, $"{path} already exists: delete it first, or choose another name.");
        }

        _quota.EnsureRoom(bytes);
        var madeParents = MakeParents(Path.GetDirectoryName(full)!);
        var staging = Path.Combine(Path.GetDirectoryName(full)!, $".~{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(staging);
            await fill(staging, cancellationToken).ConfigureAwait(false);
            lock (DirectoryCreation)
            {
                // Directory.Move refuses an existing target; the lock closes the gap between two uploads of one name.
                if (File.Exists(full) || Directory.Exists(full))
                {
                    throw new HubApiException(StatusCodes.Status409Conflict, $"{path} already exists: delete it first, or choose another name.");
                }

                Directory.Move(staging, full);
            }
        }
        catch
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            foreach (var made in madeParents.Where(d => Directory.Exists(d) && !Directory.EnumerateFileSystemEntries(d).Any()))
            {
                Directory.Delete(made);
            }

            throw;
        }
        finally
        {
            _quota.Written();
        }

        return DirectoryModel(full, content: false);
    }

    /// <summary>
    /// Removes a directory and everything in it: renamed to a hidden name first (readers see all of it or none), then
    /// deleted. 404 when there is no such directory.
    /// </summary>
    public void DeleteDirectoryTree(string path)
    {
        var full = Resolve(path);
        if (full == _root)
        {
            throw new HubApiException(StatusCodes.Status400BadRequest, "Cannot delete the root directory.");
        }

        if (!Directory.Exists(full))
        {
            throw NotFound(path);
        }

        var doomed = Path.Combine(Path.GetDirectoryName(full)!, $".~{Path.GetFileName(full)}.{Guid.NewGuid():N}.deleted");
        Directory.Move(full, doomed);
        try
        {
            Directory.Delete(doomed, recursive: true);
        }
        finally
        {
            _quota.Written();
        }
    }

    /// <summary>Makes the missing directories of <paramref name="directory"/> (outermost first, each checked as a project where it is one); the ones made, innermost first.</summary>
    private List<string> MakeParents(string directory)
    {
        var missing = new List<string>();
        for (var current = directory; current != _root && !Directory.Exists(current); current = Path.GetDirectoryName(current)!)
        {
            if (File.Exists(current))
            {
                throw new HubApiException(StatusCodes.Status409Conflict, $"{ApiPath(current)} is a file, not a directory: rename or delete it first.");
            }

            missing.Add(current);
        }

        for (var i = missing.Count - 1; i >= 0; i--)
        {
            EnsureProjectAllowed(Path.GetDirectoryName(missing[i])!);
            Directory.CreateDirectory(missing[i]);
        }

        return missing;
    }
}
