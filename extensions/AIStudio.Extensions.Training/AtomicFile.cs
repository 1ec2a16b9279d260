namespace AIStudio.Extensions.Training;

/// <summary>Writes a file through a temporary one beside it, renamed into place only when the write succeeded.</summary>
internal static class AtomicFile
{
    public static string Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                write(stream);
            }

            File.Move(temporary, full, overwrite: true);
            return full;
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
