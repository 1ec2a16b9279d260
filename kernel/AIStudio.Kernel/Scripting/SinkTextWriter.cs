using System.Text;

namespace AIStudio.Kernel.Scripting;

/// <summary>A console writer that sends text to the current cell's stdout or stderr stream.</summary>
internal sealed class SinkTextWriter(string streamName) : TextWriter
{
    private readonly string _newLine = Environment.NewLine;

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => Send(value.ToString());

    public override void Write(string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            Send(value);
        }
    }

    public override void Write(char[] buffer, int index, int count) => Send(new string(buffer, index, count));

    public override void Write(ReadOnlySpan<char> buffer) => Send(new string(buffer));

    public override void WriteLine(string? value) => Send(string.Concat(value, _newLine));

    public override void WriteLine() => Send(_newLine);

    private void Send(string text) => ExecutionScope.WriteStream(streamName, text);
}
