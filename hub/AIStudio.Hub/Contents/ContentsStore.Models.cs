using System.Text.Json;
using AIStudio.Hub.Hosting;

namespace AIStudio.Hub.Contents;

/// <summary>The models the contents API answers with: a directory (with its entries), a notebook, a file.</summary>
public sealed partial class ContentsStore
{
    private ContentsModel DirectoryModel(string full, bool content) => DirectoryModel(new DirectoryInfo(full), content, full);

    /// <summary>
    /// A directory, with its entries when <paramref name="content"/>: each entry's model is made from the file system
    /// information its enumeration gave (one status read per entry, where a path-based model read it three or four times).
    /// </summary>
    private ContentsModel DirectoryModel(DirectoryInfo directory, bool content, string? full = null)
    {
        List<ContentsModel>? entries = null;
        if (content)
        {
            var infos = directory.GetFileSystemInfos();
            Array.Sort(infos, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
            entries = new List<ContentsModel>(infos.Length);
            foreach (var entry in infos)
            {
                // Hidden entries are not listed, nor links (one could lead out of the user's files).
                if (entry.Name.StartsWith('.') || entry.Attributes.HasFlag(FileAttributes.ReparsePoint))
                {
                    continue;
                }

                entries.Add(entry switch
                {
                    DirectoryInfo folder => DirectoryModel(folder, content: false),
                    FileInfo file when TypeOf(file.FullName) == "notebook" => NotebookModel(file, content: false),
                    _ => FileModel((FileInfo)entry, content: false, format: null),
                });
            }
        }

        return Model(full ?? directory.FullName, directory, "directory", entries, content ? "json" : null);
    }

    private ContentsModel NotebookModel(string full, bool content) => NotebookModel(new FileInfo(full), content);

    private ContentsModel NotebookModel(FileInfo info, bool content)
    {
        var full = info.FullName;
        JsonElement? notebook = null;
        if (content)
        {
            try
            {
                if (IsDib(full))
                {
                    notebook = JsonSerializer.SerializeToElement(DibFormat.ToNotebook(File.ReadAllText(full)));
                }
                else
                {
                    using var document = JsonDocument.Parse(File.ReadAllBytes(full));
                    notebook = document.RootElement.Clone();
                }
            }
            catch (FormatException e)
            {
                throw new HubApiException(StatusCodes.Status400BadRequest, $"Unreadable Notebook: {ApiPath(full)} {e.Message}", e);
            }
            catch (JsonException e)
            {
                throw new HubApiException(StatusCodes.Status400BadRequest, $"Unreadable Notebook: {ApiPath(full)} {e.Message}", e);
            }

            if (NotebookValidator.Validate(notebook.Value) is { } problem)
            {
                throw new HubApiException(StatusCodes.Status400BadRequest, $"Unreadable Notebook: {ApiPath(full)}: {problem}");
            }
        }

        return Model(full, info, "notebook", notebook, content ? "json" : null, info.Length);
    }

    private ContentsModel FileModel(string full, bool content, string? format) => FileModel(new FileInfo(full), content, format);

    private ContentsModel FileModel(FileInfo info, bool content, string? format)
    {
        var full = info.FullName;
        var mimeType = MimeTypeOf(full);
        string? text = null;
        if (content)
        {
            var bytes = File.ReadAllBytes(full);
            switch (format)
            {
                case "text":
                    text = ContentsFiles.DecodeText(bytes) ?? throw new HubApiException(StatusCodes.Status400BadRequest, $"{ApiPath(full)} is not UTF-8 encoded");
                    break;
                case "base64":
                    text = Convert.ToBase64String(bytes);
                    break;
                case null:
                    text = ContentsFiles.DecodeText(bytes);
                    format = text is null ? "base64" : "text";
                    text ??= Convert.ToBase64String(bytes);
                    break;
                default:
                    throw new HubApiException(StatusCodes.Status400BadRequest, $"Unknown format '{format}': use text or base64.");
            }

            mimeType ??= format == "text" ? "text/plain" : "application/octet-stream";
        }

        return Model(full, info, "file", text, content ? format : null, info.Length, mimeType);
    }

    /// <summary>A model with the fields every model has (name, path, type, writable, created, last_modified) and the rest given.</summary>
    private ContentsModel Model(string full, FileSystemInfo info, string type, object? content = null, string? format = null, long? size = null, string? mimeType = null) => new()
    {
        Name = full == _root ? "" : info.Name,
        Path = ApiPath(full),
        Type = type,
        Writable = ContentsFiles.IsWritable(info),
        Created = ContentsFiles.FormatTime(info.CreationTimeUtc),
        LastModified = ContentsFiles.FormatTime(info.LastWriteTimeUtc),
        MimeType = mimeType,
        Content = content,
        Format = format,
        Size = size,
    };

    /// <summary>The MIME type of a file by its extension (null when unknown), looked up without copying the extension out.</summary>
    private static string? MimeTypeOf(string full)
    {
        var extension = System.IO.Path.GetExtension(full.AsSpan());
        return extension.IsEmpty ? null : MimeTypesByExtension.TryGetValue(extension, out var type) ? type : null;
    }
}
