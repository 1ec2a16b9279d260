namespace AIStudio.Hub.Hosting;

/// <summary>
/// A request body that refuses to be read past <c>limit</c> bytes with the <see cref="BadHttpRequestException"/> (413)
/// Kestrel throws for its own limit — at once when the announced Content-Length is over it — so the code reading it
/// behaves as before; see <see cref="OversizedBodyDrain"/>.
/// </summary>
internal sealed class LimitedRequestBody(Stream inner, long limit, long? contentLength) : Stream
{
    /// <summary>Bytes read so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>Whether the body was read to its end.</summary>
    public bool Finished { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, Allowed(count)));

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Counted(await inner.ReadAsync(buffer.AsMemory(offset, Allowed(count)), cancellationToken).ConfigureAwait(false));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Counted(await inner.ReadAsync(buffer[..Allowed(buffer.Length)], cancellationToken).ConfigureAwait(false));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>How much of <paramref name="count"/> to ask for: never more than one byte past the limit, which is refused.</summary>
    private int Allowed(int count)
    {
        if (contentLength > limit || BytesRead > limit)
        {
            throw TooLarge();
        }

        return count == 0 ? 0 : (int)Math.Max(1, Math.Min(count, limit + 1 - BytesRead));
    }

    private int Counted(int read)
    {
        BytesRead += read;
        if (read == 0)
        {
            Finished = true;
        }

        return BytesRead > limit ? throw TooLarge() : read;
    }

    private static BadHttpRequestException TooLarge() =>
        new("Request body too large.", StatusCodes.Status413PayloadTooLarge);
}
