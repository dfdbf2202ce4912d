using System.IO.Compression;
using System.Text;

namespace Gongkai.Fuzz;

/// <summary>
/// Builds DOCX packages and raw ZIP archives for the harness: minimal Word documents from their document.xml, the
/// parts of a seed to mutate and pack again, and archives whose compressed data and headers are written by hand
/// (zip bombs, lying sizes), which <see cref="ZipArchive"/> cannot make.
/// </summary>
public static class Packages
{
    public const string WordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    public const string ContentTypes =
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>""";

    public const string Relationships =
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>""";

    /// <summary>The opening of a document part up to the body's content.</summary>
    public static string DocumentStart => $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{WordNamespace}"><w:body>""";

    public const string DocumentEnd = "</w:body></w:document>";

    /// <summary>A Word document whose main part is <paramref name="documentXml"/>.</summary>
    public static byte[] Docx(string documentXml) => Pack(
    [
        ("[Content_Types].xml", Encoding.UTF8.GetBytes(ContentTypes)),
        ("_rels/.rels", Encoding.UTF8.GetBytes(Relationships)),
        ("word/document.xml", Encoding.UTF8.GetBytes(documentXml)),
    ]);

    /// <summary>
    /// The entries of a ZIP archive in order. Throws <see cref="InvalidDataException"/> when they say or turn out to
    /// inflate to more than 16 MiB together: a mutation that made a bomb is not unpacked again.
    /// </summary>
    public static List<(string Name, byte[] Data)> Unpack(byte[] zip)
    {
        const int Most = 16 * 1024 * 1024;
        using var archive = new ZipArchive(new MemoryStream(zip, writable: false), ZipArchiveMode.Read);
        if (archive.Entries.Sum(e => e.Length) > Most)
        {
            throw new InvalidDataException("The archive says it inflates to more than the harness unpacks.");
        }

        var parts = new List<(string, byte[])>();
        var total = 0L;
        var buffer = new byte[81920];
        foreach (var entry in archive.Entries)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                total += read;
                if (total > Most)
                {
                    throw new InvalidDataException("The archive inflates to more than the harness unpacks.");
                }

                copy.Write(buffer, 0, read);
            }

            parts.Add((entry.FullName, copy.ToArray()));
        }

        return parts;
    }

    public static byte[] Pack(IEnumerable<(string Name, byte[] Data)> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, data) in parts)
            {
                using var stream = archive.CreateEntry(name, CompressionLevel.Fastest).Open();
                stream.Write(data);
            }
        }

        return zip.ToArray();
    }

    /// <summary>An entry of a hand-built archive: its compressed bytes and what its headers claim.</summary>
    public sealed record RawEntry(string Name, byte[] Compressed, ushort Method, uint Crc, uint UncompressedSize);

    /// <summary>A deflated entry with the true CRC and size.</summary>
    public static RawEntry Deflated(string name, byte[] data) => new(name, Deflate(data), 8, Crc32(data), (uint)data.Length);

    /// <summary>A ZIP archive of <paramref name="entries"/>, written byte by byte (local headers, central directory, end record).</summary>
    public static byte[] Raw(IEnumerable<RawEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        using var zip = new MemoryStream();
        using var writer = new BinaryWriter(zip);
        var central = new List<(RawEntry Entry, uint Offset)>();
        foreach (var entry in entries)
        {
            central.Add((entry, (uint)zip.Position));
            var name = Encoding.UTF8.GetBytes(entry.Name);
            writer.Write(0x04034b50u);
            writer.Write((ushort)20);
            writer.Write((ushort)0x0800);
            writer.Write(entry.Method);
            writer.Write(0u);
            writer.Write(entry.Crc);
            writer.Write((uint)entry.Compressed.Length);
            writer.Write(entry.UncompressedSize);
            writer.Write((ushort)name.Length);
            writer.Write((ushort)0);
            writer.Write(name);
            writer.Write(entry.Compressed);
        }

        var directoryStart = (uint)zip.Position;
        foreach (var (entry, offset) in central)
        {
            var name = Encoding.UTF8.GetBytes(entry.Name);
            writer.Write(0x02014b50u);
            writer.Write((ushort)20);
            writer.Write((ushort)20);
            writer.Write((ushort)0x0800);
            writer.Write(entry.Method);
            writer.Write(0u);
            writer.Write(entry.Crc);
            writer.Write((uint)entry.Compressed.Length);
            writer.Write(entry.UncompressedSize);
            writer.Write((ushort)name.Length);
            writer.Write((ushort)0);
            writer.Write((ushort)0);
            writer.Write((ushort)0);
            writer.Write((ushort)0);
            writer.Write(0u);
            writer.Write(offset);
            writer.Write(name);
        }

        var directoryEnd = (uint)zip.Position;
        writer.Write(0x06054b50u);
        writer.Write((ushort)0);
        writer.Write((ushort)0);
        writer.Write((ushort)central.Count);
        writer.Write((ushort)central.Count);
        writer.Write(directoryEnd - directoryStart);
        writer.Write(directoryStart);
        writer.Write((ushort)0);
        writer.Flush();
        return zip.ToArray();
    }

    /// <summary>
    /// A DOCX whose document part is <paramref name="prefix"/>, then <paramref name="chunk"/> repeated
    /// <paramref name="repeats"/> times, then <paramref name="suffix"/> — deflated without ever holding the whole part
    /// (see <see cref="RepeatedDeflate"/>). The headers state the true size (up to 4 GiB) unless
    /// <paramref name="declaredSize"/> lies; the CRC is not computed (0).
    /// </summary>
    public static byte[] DocxBomb(string prefix, byte[] chunk, int repeats, string suffix, uint? declaredSize = null)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(chunk);
        ArgumentNullException.ThrowIfNull(suffix);
        var head = Encoding.UTF8.GetBytes(prefix);
        var tail = Encoding.UTF8.GetBytes(suffix);
        var size = (ulong)head.Length + ((ulong)chunk.Length * (ulong)repeats) + (ulong)tail.Length;
        return Raw(
        [
            Deflated("[Content_Types].xml", Encoding.UTF8.GetBytes(ContentTypes)),
            Deflated("_rels/.rels", Encoding.UTF8.GetBytes(Relationships)),
            new RawEntry("word/document.xml", RepeatedDeflate(head, chunk, repeats, tail), 8, 0, declaredSize ?? (uint)Math.Min(size, uint.MaxValue)),
        ]);
    }

    /// <summary>
    /// A raw deflate stream of <paramref name="prefix"/> + <paramref name="chunk"/> × <paramref name="repeats"/> +
    /// <paramref name="suffix"/>. Each piece is compressed by a fresh compressor and ended with a sync flush, so its
    /// back-references stay inside it and its bytes can be repeated as they are: a gigabyte costs one compressed chunk.
    /// </summary>
    public static byte[] RepeatedDeflate(byte[] prefix, byte[] chunk, int repeats, byte[] suffix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(chunk);
        ArgumentNullException.ThrowIfNull(suffix);
        var block = FlushedChunks.GetOrAdd(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(chunk)), _ => Flushed(chunk));
        using var output = new MemoryStream();
        output.Write(Flushed(prefix));
        for (var i = 0; i < repeats; i++)
        {
            output.Write(block);
        }

        output.Write(Deflate(suffix));
        return output.ToArray();
    }

    public static byte[] Deflate(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(data);
        }

        return output.ToArray();
    }

    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }

        return c;
    }).ToArray();

    /// <summary>Compressed chunks by content: the harness makes the same bombs over and over.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> FlushedChunks = new(StringComparer.Ordinal);

    /// <summary>The bytes a compressor writes for <paramref name="data"/> up to a sync flush: a non-final, byte-aligned piece.</summary>
    private static byte[] Flushed(byte[] data)
    {
        using var output = new MemoryStream();
        var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true);
        deflate.Write(data);
        deflate.Flush();
        var piece = output.ToArray();
        deflate.Dispose();
        return piece;
    }
}
