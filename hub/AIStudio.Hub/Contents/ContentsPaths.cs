using AIStudio.Hub.Hosting;

namespace AIStudio.Hub.Contents;

/// <summary>
/// API paths ('/'-separated, relative to a root) and the file system paths they name, with the rules that keep every
/// path inside the root.
/// </summary>
public sealed class ContentsPaths(string root)
{
    /// <summary>
    /// The file system path of an API path, refusing anything that could leave the root: '..' and '.' segments, hidden
    /// names, backslashes, NULs, and symbolic links on the way (all answer 404, as a missing file does).
    /// </summary>
    public string Resolve(string? apiPath)
    {
        var path = (apiPath ?? "").Replace("%2F", "/", StringComparison.OrdinalIgnoreCase).Trim('/');
        if (path.Length == 0)
        {
            return root;
        }

        var current = root;
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment is "." or ".." || segment.StartsWith('.') || segment.Contains('\\', StringComparison.Ordinal) || segment.Contains('\0', StringComparison.Ordinal)
                || segment.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            {
                throw NotFound(apiPath!);
            }

            current = Path.Combine(current, segment);
            var info = new FileInfo(current);
            if (info.Exists || Directory.Exists(current))
            {
                if (info.LinkTarget is not null || new DirectoryInfo(current).LinkTarget is not null)
                {
                    throw NotFound(apiPath!);
                }
            }
        }

        var full = Path.GetFullPath(current);
        return full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : throw NotFound(apiPath!);
    }

    /// <summary>The API path of a file system path under the root ("" for the root).</summary>
    /// <remarks>
    /// A path made from the root and plain names (every entry of a folder's listing) is cut after the root: what
    /// <see cref="Path.GetRelativePath(string, string)"/> would give, without making both paths full again for every
    /// entry (the largest single cost of a listing under load). Anything else is made relative the general way.
    /// </remarks>
    public string ApiPath(string full)
    {
        ArgumentNullException.ThrowIfNull(full);
        if (string.Equals(full, root, StringComparison.Ordinal))
        {
            return "";
        }

        if (full.Length > root.Length + 1 && full[root.Length] == Path.DirectorySeparatorChar
            && full.StartsWith(root, StringComparison.Ordinal) && IsPlain(full.AsSpan(root.Length + 1)))
        {
            return full[(root.Length + 1)..].Replace(Path.DirectorySeparatorChar, '/');
        }

        return Path.GetRelativePath(root, full).Replace(Path.DirectorySeparatorChar, '/') is var relative && relative == "." ? "" : relative;
    }

    /// <summary>The API path of the directory holding <paramref name="path"/>.</summary>
    public static string ParentOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var trimmed = path.Trim('/');
        var slash = trimmed.LastIndexOf('/');
        return slash < 0 ? "" : trimmed[..slash];
    }

    /// <summary>True when every segment of a relative path is a name: none empty, '.' or '..', no other separator.</summary>
    private static bool IsPlain(ReadOnlySpan<char> relative)
    {
        if (Path.AltDirectorySeparatorChar != Path.DirectorySeparatorChar && relative.Contains(Path.AltDirectorySeparatorChar))
        {
            return false;
        }

        foreach (var range in relative.Split(Path.DirectorySeparatorChar))
        {
            if (relative[range] is [] or ['.'] or ['.', '.'])
            {
                return false;
            }
        }

        return true;
    }

    private static HubApiException NotFound(string path) => new(StatusCodes.Status404NotFound, $"No such file or directory: {path}");
}
