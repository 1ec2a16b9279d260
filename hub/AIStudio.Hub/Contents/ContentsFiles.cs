using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using AIStudio.Hub.Hosting;
using AIStudio.Kernel.Protocol.Messages;

namespace AIStudio.Hub.Contents;

/// <summary>File-level helpers of the contents store: atomic writes, notebook serialization, text and base64 decoding.</summary>
internal static class ContentsFiles
{
    private static readonly JsonWriterOptions NotebookWriting = new()
    {
        Indented = true,
        IndentSize = 1,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string? DecodeText(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    public static byte[] DecodeBase64(string text)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException e)
        {
            throw new HubApiException(StatusCodes.Status400BadRequest, "The content is not valid base64.", e);
        }
    }

    public static byte[] SerializeNotebook(JsonElement notebook)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, NotebookWriting))
        {
            notebook.WriteTo(writer);
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    /// <summary>Writes a temporary file beside the target and renames it over the target: readers see the old or the new file, never half of one.</summary>
    public static void WriteAtomically(string full, byte[] bytes)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".~{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    public static string FreeName(string directory, Func<int, string> candidate)
    {
        for (var i = 0; ; i++)
        {
            var path = Path.Combine(directory, candidate(i));
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                return path;
            }
        }
    }

    public static bool IsWritable(FileSystemInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return OperatingSystem.IsWindows() || (info.UnixFileMode & UnixFileMode.UserWrite) != 0;
    }

    public static string FormatTime(DateTime utc) => MessageHeader.FormatDate(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));
}
