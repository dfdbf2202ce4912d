using System.Globalization;
using System.IO.Compression;

namespace Gongkai.AnnualReports.Parsing;

/// <summary>
/// The parts of a ZIP package (DOCX), read within a <see cref="ReadBudget"/>: a part's stream counts the bytes it
/// inflates and the compressed bytes it has taken from the archive, and stops with a <see cref="ReportReadException"/>
/// as soon as the part, all parts together or the compression ratio go over their limits — while inflating, whatever
/// sizes the ZIP headers claim. Only the parts a reader asks for are inflated.
/// </summary>
internal sealed class ZipParts : IDisposable
{
    /// <summary>A DOCX has a few dozen parts; a central directory with more entries only costs memory to list.</summary>
    public const int MaxEntries = 10_000;

    private readonly CountingStream _source;
    private readonly ZipArchive _archive;
    private readonly Dictionary<string, ZipArchiveEntry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly ReadBudget _budget;

    private ZipParts(byte[] bytes, ReadBudget budget)
    {
        _budget = budget;
        _source = new CountingStream(new MemoryStream(bytes, writable: false));
        _archive = new ZipArchive(_source, ZipArchiveMode.Read);
        foreach (var entry in _archive.Entries)
        {
            // Part names are case-insensitive; when a name repeats, the first entry is the part.
            _entries.TryAdd(entry.FullName, entry);
        }
    }

    /// <summary>
    /// Opens the archive. Throws <see cref="InvalidDataException"/> (or another exception of
    /// <see cref="ZipArchive"/>) when the bytes are not a ZIP archive, and <see cref="ReportReadException"/> when its
    /// directory lists more than <see cref="MaxEntries"/> entries.
    /// </summary>
    public static ZipParts Open(byte[] bytes, ReadBudget budget)
    {
        // Every central-directory entry starts with this signature: counting them bounds what ZipArchive will list.
        var entries = bytes.AsSpan().Count("PK\u0001\u0002"u8);
        if (entries > MaxEntries)
        {
            throw new ReportReadException(string.Create(CultureInfo.InvariantCulture,
                $"文件“{budget.FileName}”是一个含有 {entries:N0} 个条目的压缩包，超过了 {MaxEntries:N0} 个的上限，不像是 Word 文档。请用 Word 或 WPS 打开原文件，另存为“Word 文档（.docx）”后再导入。"))
            {
                Limit = nameof(MaxEntries),
            };
        }

        return new ZipParts(bytes, budget);
    }

    /// <summary>The part named <paramref name="name"/> (no leading slash, any case), or null when there is none.</summary>
    public Stream? OpenPart(string name)
    {
        if (!_entries.TryGetValue(name, out var entry))
        {
            return null;
        }

        var before = _source.BytesRead;
        var stream = entry.Open();
        return new PartStream(stream, this, name, before);
    }

    public void Dispose() => _archive.Dispose();

    /// <summary>Counts the bytes read from the archive: the compressed bytes a part's inflater really consumed.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => inner.CanSeek;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => inner.Position = value;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            BytesRead += read;
            return read;
        }

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            BytesRead += read;
            return read;
        }

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void Flush()
        {
        }

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

    /// <summary>A part's inflated bytes, checked against the limits on every read.</summary>
    private sealed class PartStream(Stream inner, ZipParts parts, string name, long compressedStart) : Stream
    {
        private long _inflated;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            _inflated += read;
            parts._budget.AddInflated(read, name, _inflated);
            var compressed = Math.Max(1, parts._source.BytesRead - compressedStart);
            if (_inflated > ReportReadLimits.CompressionRatioGrace && _inflated / compressed > parts._budget.Limits.MaxCompressionRatio)
            {
                throw parts._budget.CompressionRatio(name);
            }

            return read;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void Flush()
        {
        }

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
}
