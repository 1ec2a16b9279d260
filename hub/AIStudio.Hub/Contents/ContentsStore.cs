using System.Text;
using System.Text.Json;
using AIStudio.Hub.Hosting;
using Microsoft.AspNetCore.StaticFiles;

namespace AIStudio.Hub.Contents;

/// <summary>
/// Notebooks, files and directories on disk under one root, with jupyter_server's contents semantics: API paths are
/// '/'-separated and relative to the root; '..', hidden names and symbolic links never lead out of it (404); writes go to
/// a temporary file renamed over the target; notebooks are validated before anything is written; checkpoints live in
/// <c>.ipynb_checkpoints</c> beside the file, as Jupyter keeps them.
/// </summary>
public sealed partial class ContentsStore
{
    public const string CheckpointId = "checkpoint";
    private const string CheckpointDirectory = ".ipynb_checkpoints";

    /// <summary>ASP.NET Core's table of MIME types by extension, keyed by spans as well as strings.</summary>
    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> MimeTypesByExtension =
        new Dictionary<string, string>(new FileExtensionContentTypeProvider().Mappings, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly string _root;
    private readonly ContentsPaths _paths;
    private readonly IContentsQuota _quota;

    /// <summary>A store rooted at <paramref name="root"/> (made when missing); writes are checked against <paramref name="quota"/>.</summary>
    public ContentsStore(string root, IContentsQuota? quota = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        _root = Path.GetFullPath(root);
        _paths = new ContentsPaths(_root);
        _quota = quota ?? IContentsQuota.None;
        if (!Directory.Exists(_root))
        {
            // Made on first use (a store is made for every request: an existing root costs one status read, no more).
            Directory.CreateDirectory(_root);
        }
    }

    /// <summary>The folder on disk holding everything.</summary>
    public string RootDirectory => _root;

    /// <summary>Where a kernel for the notebook at <paramref name="path"/> runs: its directory when it exists, else the root.</summary>
    public string WorkingDirectoryFor(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return _root;
        }

        try
        {
            var full = Resolve(path);
            var directory = Directory.Exists(full) ? full : Path.GetDirectoryName(full)!;
            return Directory.Exists(directory) ? directory : _root;
        }
        catch (HubApiException)
        {
            return _root;
        }
    }

    public ContentsModel Get(string path, bool content, string? type, string? format)
    {
        var full = Resolve(path);
        if (Directory.Exists(full))
        {
            if (type is not (null or "directory"))
            {
                throw new HubApiException(StatusCodes.Status400BadRequest, $"{path} is a directory, not a {type}");
            }

            return DirectoryModel(full, content);
        }

        if (!File.Exists(full))
        {
            throw NotFound(path);
        }

        if (type == "directory")
        {
            throw new HubApiException(StatusCodes.Status400BadRequest, $"{path} is not a directory");
        }

        return (type ?? TypeOf(full)) == "notebook" ? NotebookModel(full, content) : FileModel(full, content, format);
    }

    /// <summary>PUT: saves a notebook, file or directory; <c>Created</c> tells whether it is new.</summary>
    public (ContentsModel Model, bool Created) Save(string path, JsonElement? body)
    {
        if (body is not { } model)
        {
            throw new HubApiException(StatusCodes.Status400BadRequest, "No JSON body: a save needs a model with type and content.");
        }

        var full = Resolve(path);
        if (full == _root)
        {
            throw new HubApiException(StatusCodes.Status400BadRequest, "Cannot save over the root directory.");
        }

        var type = body.GetString("type") ?? throw new HubApiException(StatusCodes.Status400BadRequest, "The model has no type.");
        var parent = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(parent))
        {
            throw new HubApiException(StatusCodes.Status404NotFound, $"No such directory: {ParentOf(path)}");
        }

        var existed = File.Exists(full) || Directory.Exists(full);
        SaveConflicts.EnsureUnchangedSince(path, full, body.GetString("last_modified"));
        switch (type)
        {
            case "directory":
                if (File.Exists(full))
                {
                    throw new HubApiException(StatusCodes.Status400BadRequest, $"{path} is a file, not a directory");
                }

                if (!existed)
                {
                    EnsureProjectAllowed(parent);
                }

                Directory.CreateDirectory(full);
                return (DirectoryModel(full, content: false), !existed);
            case "notebook":
                if (!model.TryGetProperty("content", out var notebook) || notebook.ValueKind == JsonValueKind.Null)
                {
                    throw new HubApiException(StatusCodes.Status400BadRequest, "No notebook content to save.");
                }

                if (NotebookValidator.Validate(notebook) is { } problem)
                {
                    throw new HubApiException(StatusCodes.Status400BadRequest, $"Unreadable Notebook: {path}: {problem}");
                }

                var serialized = IsDib(full) ? DibFormat.FromNotebook(notebook) : ContentsFiles.SerializeNotebook(notebook);
                Write(full, serialized);
                return (NotebookModel(full, content: false), !existed);
            case "file":
                var text = body.GetString("content") ?? throw new HubApiException(StatusCodes.Status400BadRequest, "No file content to save.");
                var bytes = (body.GetString("format") ?? "text") switch
                {
                    "text" => Encoding.UTF8.GetBytes(text),
                    "base64" => ContentsFiles.DecodeBase64(text),
                    var other => throw new HubApiException(StatusCodes.Status400BadRequest, $"Unknown format '{other}': use text or base64."),
                };
                if (body.GetNumber("chunk") is { } chunk)
                {
                    if (!ChunkedUpload.Append(full, (int)chunk, bytes, _quota))
                    {
                        var part = new FileInfo(ChunkedUpload.PartOf(full));
                        return (Model(full, part, "file") with { Name = Path.GetFileName(full), Size = part.Length, Writable = true }, !existed);
                    }

                    return (FileModel(full, content: false, format: null), !existed);
                }

                Write(full, bytes);
                return (FileModel(full, content: false, format: null), !existed);
            default:
                throw new HubApiException(StatusCodes.Status400BadRequest, $"Unknown type '{type}': use notebook, file or directory.");
        }
    }

    /// <summary>POST to a directory: a new untitled notebook, file or directory, or a copy of <c>copy_from</c>.</summary>
    public ContentsModel Create(string directoryPath, JsonElement? body)
    {
        var directory = Resolve(directoryPath);
        if (!Directory.Exists(directory))
        {
            throw new HubApiException(StatusCodes.Status404NotFound, $"No such directory: {directoryPath}");
        }

        if (body.GetString("copy_from") is { } copyFrom)
        {
            var source = Resolve(copyFrom);
            if (!File.Exists(source))
            {
                throw NotFound(copyFrom);
            }

            var stem = Path.GetFileNameWithoutExtension(source);
            var extension = Path.GetExtension(source);
            var copy = ContentsFiles.FreeName(directory, i => $"{stem}-Copy{i + 1}{extension}");
            _quota.EnsureRoom(new FileInfo(source).Length);
            File.Copy(source, copy);
            _quota.Written();
            return Get(ApiPath(copy), content: false, type: null, format: null);
        }

        var ext = body.GetString("ext") ?? "";
        var type = body.GetString("type") ?? (ext == ".ipynb" ? "notebook" : "file");
        switch (type)
        {
            case "notebook":
                var notebook = ContentsFiles.FreeName(directory, i => i == 0 ? "Untitled.ipynb" : $"Untitled{i}.ipynb");
                ContentsFiles.WriteAtomically(notebook, "{\n \"cells\": [],\n \"metadata\": {},\n \"nbformat\": 4,\n \"nbformat_minor\": 5\n}\n"u8.ToArray());
                return NotebookModel(notebook, content: false);
            case "directory":
                EnsureProjectAllowed(directory);
                var folder = ContentsFiles.FreeName(directory, i => i == 0 ? "Untitled Folder" : $"Untitled Folder {i}");
                Directory.CreateDirectory(folder);
                return DirectoryModel(folder, content: false);
            case "file":
                var file = ContentsFiles.FreeName(directory, i => i == 0 ? $"untitled{ext}" : $"untitled{i}{ext}");
                ContentsFiles.WriteAtomically(file, []);
                return FileModel(file, content: false, format: null);
            default:
                throw new HubApiException(StatusCodes.Status400BadRequest, $"Unknown type '{type}': use notebook, file or directory.");
        }
    }

    /// <summary>
    /// A file uploaded from a form into <paramref name="directoryPath"/>: never over an existing file, a notebook only if
    /// it reads as one, the bytes kept as sent and checked against the storage quota.
    /// </summary>
    public ContentsModel Upload(string directoryPath, string fileName, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (fileName.Length == 0 || fileName.Contains('/', StringComparison.Ordinal) || fileName.Contains('\\', StringComparison.Ordinal) || fileName is "." or "..")
        {
            throw new HubApiException(StatusCodes.Status400BadRequest, $"'{fileName}' is not a file name.");
        }

        var path = directoryPath.Length == 0 ? fileName : $"{directoryPath}/{fileName}";
        var full = Resolve(path);
        if (!Directory.Exists(Path.GetDirectoryName(full)))
        {
            throw new HubApiException(StatusCodes.Status404NotFound, $"No such directory: {directoryPath}");
        }

        if (File.Exists(full) || Directory.Exists(full))
        {
            throw new HubApiException(StatusCodes.Status409Conflict, $"{path} already exists: rename or delete it first, or upload under another name.");
        }

        if (TypeOf(full) == "notebook" && !IsDib(full))
        {
            string? problem;
            try
            {
                using var notebook = JsonDocument.Parse(bytes);
                problem = NotebookValidator.Validate(notebook.RootElement);
            }
            catch (JsonException e)
            {
                problem = e.Message;
            }

            if (problem is not null)
            {
                throw new HubApiException(StatusCodes.Status400BadRequest, $"Unreadable Notebook: {path}: {problem}");
            }
        }

        Write(full, bytes);
        return Get(path, content: false, type: null, format: null);
    }

    /// <summary>PATCH: moves a file or directory to <paramref name="newPath"/>.</summary>
    public ContentsModel Rename(string path, string newPath)
    {
        var from = Resolve(path);
        var to = Resolve(newPath);
        if (from == _root || to == _root)
        {
            throw new HubApiException(StatusCodes.Status400BadRequest, "Cannot rename the root directory.");
        }

        if (!File.Exists(from) && !Directory.Exists(from))
        {
            throw NotFound(path);
        }

        if (File.Exists(to) || Directory.Exists(to))
        {
            throw new HubApiException(StatusCodes.Status409Conflict, $"File already exists: {newPath}");
        }

        if (!Directory.Exists(Path.GetDirectoryName(to)))
        {
            throw new HubApiException(StatusCodes.Status404NotFound, $"No such directory: {ParentOf(newPath)}");
        }

        if (Directory.Exists(from))
        {
            Directory.Move(from, to);
        }
        else
        {
            File.Move(from, to);
            var checkpoint = CheckpointPath(from);
            if (File.Exists(checkpoint))
            {
                var target = CheckpointPath(to);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Move(checkpoint, target, overwrite: true);
            }
        }

        return Get(ApiPath(to), content: false, type: null, format: null);
    }

    public void Delete(string path)
    {
        var full = Resolve(path);
        if (full == _root)
        {
            throw new HubApiException(StatusCodes.Status400BadRequest, "Cannot delete the root directory.");
        }

        if (Directory.Exists(full))
        {
            if (Directory.EnumerateFileSystemEntries(full).Any(e => Path.GetFileName(e) != CheckpointDirectory))
            {
                throw new HubApiException(StatusCodes.Status400BadRequest, $"Directory {path} not empty");
            }

            Directory.Delete(full, recursive: true);
            _quota.Written();
            return;
        }

        if (!File.Exists(full))
        {
            throw NotFound(path);
        }

        File.Delete(full);
        var checkpoint = CheckpointPath(full);
        if (File.Exists(checkpoint))
        {
            File.Delete(checkpoint);
        }

        _quota.Written();
    }

    /// <summary>The file system path of an API path (see <see cref="ContentsPaths.Resolve"/>); 404 for anything that could leave the root.</summary>
    internal string Resolve(string? apiPath) => _paths.Resolve(apiPath);

    internal string ExistingFile(string path)
    {
        var full = Resolve(path);
        return File.Exists(full) ? full : throw NotFound(path);
    }

    /// <summary>Writes atomically after checking the storage quota for the growth.</summary>
    private void Write(string full, byte[] bytes)
    {
        var before = File.Exists(full) ? new FileInfo(full).Length : 0;
        _quota.EnsureRoom(bytes.Length - before);
        ContentsFiles.WriteAtomically(full, bytes);
        _quota.Written();
    }

    /// <summary>A new directory at the top level is a new project: checked against the plan's number of projects.</summary>
    private void EnsureProjectAllowed(string parent)
    {
        if (string.Equals(Path.GetFullPath(parent).TrimEnd(Path.DirectorySeparatorChar), _root.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
        {
            _quota.EnsureNewProject(Directory.EnumerateDirectories(_root).Count(d => !Path.GetFileName(d).StartsWith('.')));
        }
    }

    private string ApiPath(string full) => _paths.ApiPath(full);

    private static string ParentOf(string path) => ContentsPaths.ParentOf(path);

    internal static string CheckpointPath(string full) =>
        Path.Combine(Path.GetDirectoryName(full)!, CheckpointDirectory, $"{Path.GetFileNameWithoutExtension(full)}-checkpoint{Path.GetExtension(full)}");

    private static string TypeOf(string full) => full.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase) || IsDib(full) ? "notebook" : "file";

    /// <summary>A Polyglot Notebooks file: opened as a notebook, saved back as .dib (<see cref="DibFormat"/>).</summary>
    private static bool IsDib(string full) => full.EndsWith(".dib", StringComparison.OrdinalIgnoreCase);

    private static HubApiException NotFound(string path) => new(StatusCodes.Status404NotFound, $"No such file or directory: {path}");
}
