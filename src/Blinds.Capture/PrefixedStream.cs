namespace Blinds.Capture;

/// <summary>A read-only stream that first returns some bytes already read, then the rest of another stream; lets the format be sniffed on pipes and gzip streams that cannot seek back.</summary>
internal sealed class PrefixedStream(byte[] prefix, Stream inner) : Stream
{
    private int prefixPos;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (prefixPos < prefix.Length)
        {
            var n = Math.Min(buffer.Length, prefix.Length - prefixPos);
            prefix.AsSpan(prefixPos, n).CopyTo(buffer);
            prefixPos += n;
            return n;
        }

        return inner.Read(buffer);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
