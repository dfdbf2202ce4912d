using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Gongkai.Calendar;
using Gongkai.Data.Applications;
using Gongkai.Documents;

namespace Gongkai.Web.Letters;

/// <summary>
/// A letter laid out for paper: title, 文号, paragraphs (the first is the salutation when it ends with "："), the
/// issuing agency over the seal area and the 成文日期. Drafts carry no date and are marked as drafts.
/// </summary>
public sealed record LetterDocument(string Title, string? Number, IReadOnlyList<string> Paragraphs, string Signature, string? Date, bool IsDraft)
{
    public static LetterDocument From(LetterRecord letter, string agencyName)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return new LetterDocument(
            letter.Title,
            letter.Number,
            [.. letter.Body.Split('\n').Select(p => p.TrimEnd('\r')).Where(p => p.Trim().Length > 0)],
            agencyName,
            letter.IssuedOn is { } issued ? DateText.Chinese(issued) : null,
            letter.Status != LetterStatus.Issued);
    }

    /// <summary>The salutation ("张三：") is written flush left; every other paragraph is indented two characters.</summary>
    public bool IsSalutation(int index) => index == 0 && Paragraphs.Count > 0 && Paragraphs[0].TrimEnd().EndsWith('：');

    /// <summary>A file name for downloads: the title, without characters file systems refuse.</summary>
    public string FileName(string extension)
    {
        var safe = new string([.. Title.Select(c => Path.GetInvalidFileNameChars().Contains(c) || c is '"' or '\\' or '/' ? '_' : c)]);
        return (Number is { Length: > 0 } number ? safe + "（" + number + "）" : safe) + "." + extension;
    }
}

/// <summary>
/// Writes a letter as a Word document laid out like an official letter (GB/T 9704 page and fonts): A4 with
/// 37/35/28/26 mm margins, the title in 黑体 22 pt, the body in 仿宋 16 pt on a 28 pt line, the
/// agency and date at the right under a space for the seal.
/// </summary>
public static class LetterDocx
{

    public static byte[] Render(LetterDocument letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        using var buffer = new MemoryStream();
        using (var document = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = letter.Title;
            document.PackageProperties.Language = "zh-CN";
            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();

            var body = new Body();
            if (letter.IsDraft)
            {
                body.Append(Paragraph("草稿（未审批，不得送达）", JustificationValues.Center, indent: false, bold: true));
            }

            body.Append(new Paragraph(
                new ParagraphProperties(new ParagraphStyleId { Val = "Title" }),
                OfficialDocx.TextRun(letter.Title)));
            if (letter.Number is { Length: > 0 } number)
            {
                body.Append(Paragraph(number, JustificationValues.Center, indent: false));
            }

            body.Append(new Paragraph());
            for (var i = 0; i < letter.Paragraphs.Count; i++)
            {
                body.Append(Paragraph(letter.Paragraphs[i], JustificationValues.Both, indent: !letter.IsSalutation(i)));
            }

            // Room for the seal, then the agency and the date, right-aligned with four characters to spare.
            body.Append(new Paragraph());
            body.Append(new Paragraph());
            body.Append(Signature(letter.Signature));
            body.Append(Signature(letter.Date ?? "年　　月　　日"));

            body.Append(OfficialDocx.A4Section());
            main.Document = new Document(body);
            main.Document.Save();
        }

        return buffer.ToArray();
    }

    private static Paragraph Signature(string text) => new(
        new ParagraphProperties(
            new Indentation { Right = "1280", FirstLine = "0", FirstLineChars = 0 },
            new Justification { Val = JustificationValues.Right }),
        OfficialDocx.TextRun(text));

    private static Paragraph Paragraph(string text, JustificationValues justification, bool indent, bool bold = false)
    {
        var properties = new ParagraphProperties();
        if (!indent)
        {
            properties.Append(new Indentation { FirstLine = "0", FirstLineChars = 0 });
        }

        properties.Append(new Justification { Val = justification });
        var run = OfficialDocx.TextRun(text);
        if (bold)
        {
            run.PrependChild(new RunProperties(new Bold()));
        }

        return new Paragraph(properties, run);
    }

    private static Styles Styles() => OfficialDocx.Styles(titleSpaceAfter: "280");
}
