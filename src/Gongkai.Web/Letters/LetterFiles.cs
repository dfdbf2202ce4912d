using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Web.Applications;
using Gongkai.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Letters;

/// <summary>The downloadable forms of a letter: DOCX at once; PDF in the background (<see cref="LetterPdfJobs"/>).</summary>
public static class LetterFiles
{
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
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
