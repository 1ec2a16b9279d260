using AIStudio.Hub.Hosting;

namespace AIStudio.Hub.Contents;

/// <summary>
/// JupyterLab's chunked uploads (files over 15 MB go up as <c>chunk</c> 1, 2, …, and −1 for the last): the chunks are
/// gathered in a hidden file beside the target and moved over it only with the last one, so a broken upload never
/// leaves half a file where the old one was. Every chunk is checked against the storage quota.
/// </summary>
public static class ChunkedUpload
{
    /// <summary>Adds one chunk; true when it was the last and the file is in place.</summary>
    public static bool Append(string full, int chunk, byte[] bytes, IContentsQuota quota)
    {
        ArgumentNullException.ThrowIfNull(full);
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(quota);
        if (chunk is 0 or < -1)
        {
            throw new HubApiException(StatusCodes.Status400BadRequest, $"'chunk' is {chunk}: chunks count from 1, and the last one is -1.");
        }

        var part = PartOf(full);
        if (chunk != 1 && !File.Exists(part))
        {
            throw new HubApiException(StatusCodes.Status400BadRequest, $"Chunk {chunk} of {Path.GetFileName(full)} came without chunk 1: start the upload again.");
        }

        quota.EnsureRoom(bytes.Length);
        using (var stream = new FileStream(part, chunk == 1 ? FileMode.Create : FileMode.Append, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: chunk == -1);
        }

        quota.Written();
        if (chunk != -1)
        {
            return false;
        }

        File.Move(part, full, overwrite: true);
        quota.Written();
        return true;
    }

    /// <summary>Where the chunks of an upload to <paramref name="full"/> gather (hidden, so listings skip it).</summary>
    public static string PartOf(string full) => Path.Combine(Path.GetDirectoryName(full)!, $".~{Path.GetFileName(full)}.upload");
}
