namespace CmsHazards.Cli.Probe;

/// <summary>
/// A stream that first returns bytes already read past the end of the HTTP head: a server may send its first
/// WebSocket frame in the same packet as the 101, and those bytes belong to the WebSocket. Disposing it leaves
/// the inner stream open: that belongs to the probe, which disposes it.
/// </summary>
internal sealed class PrefixedStream : Stream
{
    private readonly Stream inner;
    private readonly byte[] prefix;
    private int position;

    public PrefixedStream(byte[] prefix, Stream inner)
    {
        this.prefix = prefix;
        this.inner = inner;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (position < prefix.Length) return TakePrefix(buffer);
        return inner.Read(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (position < prefix.Length) return new ValueTask<int>(TakePrefix(buffer.Span));
        return inner.ReadAsync(buffer, cancellationToken);
    }

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private int TakePrefix(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, prefix.Length - position);
        prefix.AsSpan(position, count).CopyTo(buffer);
        position += count;
        return count;
    }
}
