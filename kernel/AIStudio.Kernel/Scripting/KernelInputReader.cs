namespace AIStudio.Kernel.Scripting;

/// <summary>Console input for cells: each <see cref="ReadLine"/> becomes an input_request on the stdin channel.</summary>
internal sealed class KernelInputReader(Func<CancellationToken> currentCancellation) : TextReader
{
    private string? _pending;
    private int _position;

    public override string? ReadLine()
    {
        if (_pending is not null)
        {
            var rest = _pending[_position..];
            _pending = null;
            return rest;
        }

        return Request();
    }

    public override int Read()
    {
        if (_pending is null)
        {
            var line = Request();
            if (line is null)
            {
                return -1;
            }

            _pending = line + "\n";
            _position = 0;
        }

        var c = _pending[_position++];
        if (_position >= _pending.Length)
        {
            _pending = null;
        }

        return c;
    }

    public override int Peek() => _pending is null ? -1 : _pending[_position];

    private string? Request()
    {
        var sink = ExecutionScope.Current;
        return sink?.RequestInput("", password: false, currentCancellation());
    }
}
