using AIStudio.Hub.Hosting;

namespace AIStudio.Hub.Contents;

/// <summary>Saves that would overwrite a newer version on disk.</summary>
public static class SaveConflicts
{
    /// <summary>
    /// A save that says which version it edited (<c>last_modified</c> of the model it loaded) is refused with 409 when the
    /// file changed on disk after that, so one tab or person does not silently overwrite another's work.
    /// </summary>
    public static void EnsureUnchangedSince(string path, string full, string? lastModified)
    {
        if (lastModified is null || !File.Exists(full))
        {
            return;
        }

        if (!DateTimeOffset.TryParse(lastModified, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var seen))
        {
            throw new HubApiException(StatusCodes.Status400BadRequest, $"'last_modified' is not a date: {lastModified}");
        }

        var onDisk = new DateTimeOffset(File.GetLastWriteTimeUtc(full), TimeSpan.Zero);
        if (onDisk - seen > TimeSpan.FromMilliseconds(1))
        {
            throw new HubApiException(StatusCodes.Status409Conflict,
                $"{path} changed on disk at {ContentsFiles.FormatTime(onDisk.UtcDateTime)}, after the version this save is based on ({lastModified}). Reload it, or save without last_modified to overwrite.");
        }
    }
}
