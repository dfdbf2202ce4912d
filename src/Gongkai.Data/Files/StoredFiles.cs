using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongkai.Data.Files;

/// <summary>A file kept in the database (Storage:Provider = database): its SHA-256 (its name), size and chunk count.</summary>
public sealed class StoredFileRecord
{
    public const int Sha256Length = 64;

    public required string Sha256 { get; set; }

    public long Size { get; set; }

    public int Chunks { get; set; }

    /// <summary>
    /// When the content was last saved: a save of content already there renews it, so a cleanup that found no row
    /// referring to the file can tell that an upload reusing it may be about to commit its row
    /// (<see cref="DatabaseFiles.DeleteUnclaimedAsync"/>).
    /// </summary>
    public DateTime StoredAtUtc { get; set; }
}

/// <summary>One chunk (<see cref="DatabaseFiles.ChunkSize"/> bytes, the last one shorter) of a file kept in the database.</summary>
public sealed class StoredFileChunk
{
    public required string Sha256 { get; set; }

    public int Index { get; set; }

    public required byte[] Data { get; set; }
}

internal sealed class StoredFileRecordConfiguration : IEntityTypeConfiguration<StoredFileRecord>
{
    public void Configure(EntityTypeBuilder<StoredFileRecord> builder)
    {
        builder.ToTable("StoredFiles");
        builder.HasKey(f => f.Sha256);
        builder.Property(f => f.Sha256).HasMaxLength(StoredFileRecord.Sha256Length);
    }
}

internal sealed class StoredFileChunkConfiguration : IEntityTypeConfiguration<StoredFileChunk>
{
    public void Configure(EntityTypeBuilder<StoredFileChunk> builder)
    {
        builder.ToTable("StoredFileChunks");
        builder.HasKey(c => new { c.Sha256, c.Index });
        builder.Property(c => c.Sha256).HasMaxLength(StoredFileRecord.Sha256Length);
    }
}
