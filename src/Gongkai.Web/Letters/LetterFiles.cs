using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Web.Applications;
using Gongkai.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Letters;

/// <summary>A letter file to send, or the Chinese reason it cannot be made.</summary>
public sealed record LetterFile(byte[]? Content, string? ContentType, string? FileName, string? Problem);

/// <summary>Makes the downloadable forms of a letter (DOCX always; PDF when LibreOffice is installed).</summary>
public static class LetterFiles
{
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static async Task<LetterFile> CreateAsync(LetterDocument document, string format, LibreOfficePdf converter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(converter);
        var docx = LetterDocx.Render(document);
        if (!string.Equals(format, "pdf", StringComparison.Ordinal))
        {
            return new LetterFile(docx, DocxType, document.FileName("docx"), null);
        }

        var pdf = await converter.ConvertAsync(docx, cancellationToken);
        return pdf.Pdf is { } bytes
            ? new LetterFile(bytes, "application/pdf", document.FileName("pdf"), null)
            : new LetterFile(null, null, null, pdf.Problem);
    }
}

/// <summary>A letter that a staff member of the handling agency may see, laid out for paper.</summary>
public sealed record StaffLetter(CaseHeader Case, LetterRecord Letter, LetterDocument Document)
{
    public static async Task<StaffLetter?> FindAsync(GongkaiDbContext db, Staff staff, Guid applicationId, Guid letterId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await CaseHeader.FindAsync(db, staff, applicationId, cancellationToken) is not { } header)
        {
            return null;
        }

        var letter = await db.Letters.AsNoTracking().SingleOrDefaultAsync(l => l.Id == letterId && l.ApplicationId == applicationId && l.AgencyId == header.AgencyId, cancellationToken);
        if (letter is null)
        {
            return null;
        }

        var agencyName = await db.Agencies.AsNoTracking().Where(a => a.Id == header.AgencyId).Select(a => a.Name).SingleAsync(cancellationToken);
        return new StaffLetter(header, letter, LetterDocument.From(letter, agencyName));
    }
}
