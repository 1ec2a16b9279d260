namespace AIStudio.Kernel.Engine;

/// <summary>
/// A cell made only of <c>#!cd</c> and <c>#!set-env</c> lines in their plainest form (the form the hub moves a warm
/// kernel with): run at once instead of through .NET Interactive's submission pipeline, which costs a few milliseconds
/// per directive (parsing the cell's directive grammar, one scheduled command and its events for each line). Only lines
/// whose meaning is beyond doubt are taken: <c>#!cd "PATH"</c> and <c>#!set-env --name "NAME"</c> with an optional
/// <c>--value "VALUE"</c>, every argument in double quotes with no quote, backslash or <c>@</c> inside (escapes and
/// .NET Interactive's <c>@</c> value references are left to its parser). Any other cell, and a cell one of whose
/// directives fails, goes the usual way, which runs it whole (both directives can be run again) and reports the error
/// as it always has.
/// </summary>
internal sealed class DirectiveCell
{
    private readonly List<(string Kind, string First, string? Second)> _lines;

    private DirectiveCell(List<(string Kind, string First, string? Second)> lines) => _lines = lines;

    /// <summary>The cell's directives, or null when it is anything else (C#, another directive, another form, empty).</summary>
    public static DirectiveCell? TryParse(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (!code.StartsWith("#!", StringComparison.Ordinal))
        {
            return null;
        }

        var lines = new List<(string, string, string?)>();
        foreach (var raw in code.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var reader = new Reader(line);
            if (reader.Word() is not { } directive)
            {
                return null;
            }

            switch (directive)
            {
                case "#!cd" when reader.Quoted() is { } path && reader.AtEnd:
                    lines.Add(("cd", path, null));
                    break;
                case "#!set-env" when reader.Word() == "--name" && reader.Quoted() is { } name:
                    if (reader.AtEnd)
                    {
                        lines.Add(("set-env", name, null));
                    }
                    else if (reader.Word() == "--value" && reader.Quoted() is { } value && reader.AtEnd)
                    {
                        lines.Add(("set-env", name, value));
                    }
                    else
                    {
                        return null;
                    }

                    break;
                default:
                    return null;
            }
        }

        return lines.Count == 0 ? null : new DirectiveCell(lines);
    }

    /// <summary>The directives in order: <c>cd</c> with its path, or <c>set-env</c> with the name and the value (null: remove).</summary>
    public IReadOnlyList<(string Kind, string First, string? Second)> Lines => _lines;

    /// <summary>Runs the directives in order; false (what ran so far stays) when one of them failed.</summary>
    public bool TryRun()
    {
        foreach (var (kind, first, second) in _lines)
        {
            try
            {
                if (kind == "cd")
                {
                    ScriptingCSharpKernel.ChangeDirectory(first);
                }
                else
                {
                    ScriptingCSharpKernel.SetEnvironment(first, second);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or System.Security.SecurityException)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads a directive line's tokens, separated by spaces or tabs.</summary>
    private ref struct Reader(string line)
    {
        private readonly string _line = line;
        private int _at;

        public bool AtEnd
        {
            get
            {
                SkipBlanks();
                return _at == _line.Length;
            }
        }

        /// <summary>A bare token (a directive's or an option's name), or null at the end or before a quote.</summary>
        public string? Word()
        {
            SkipBlanks();
            var start = _at;
            while (_at < _line.Length && _line[_at] is not (' ' or '\t'))
            {
                if (_line[_at] is '"' or '\\' or '@')
                {
                    return null;
                }

                _at++;
            }

            return _at > start ? _line[start.._at] : null;
        }

        /// <summary>A double-quoted argument without its quotes, or null when the next token is anything else.</summary>
        public string? Quoted()
        {
            SkipBlanks();
            if (_at >= _line.Length || _line[_at] != '"')
            {
                return null;
            }

            var end = _line.IndexOf('"', _at + 1);
            if (end < 0)
            {
                return null;
            }

            var value = _line[(_at + 1)..end];
            if (value.AsSpan().IndexOfAny('\\', '@') >= 0 || (end + 1 < _line.Length && _line[end + 1] is not (' ' or '\t')))
            {
                return null;
            }

            _at = end + 1;
            return value;
        }

        private void SkipBlanks()
        {
            while (_at < _line.Length && _line[_at] is ' ' or '\t')
            {
                _at++;
            }
        }
    }
}
