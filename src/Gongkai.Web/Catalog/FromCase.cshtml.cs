using Gongkai.Applications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Web.Catalog;

/// <summary>
/// 转为主动公开 (条例第四十四条): the text of a replied case's disclosure with each personal datum highlighted and masked
/// by default; the person may keep a finding as written and change the title, then creates the catalogue draft that
/// goes through the normal review. A case that cannot be published says why; a refused post keeps what was typed.
/// </summary>
[Authorize(Roles = CatalogRoles.Staff)]
public sealed class FromCaseModel(CasePublication publication) : PageModel
{
    public CasePublicationSource Source { get; private set; } = null!;

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public Guid? TopicCategoryId { get; set; }

    /// <summary>The indexes of the findings the form showed (a hidden field each).</summary>
    [BindProperty]
    public List<int> Shown { get; set; } = [];

    /// <summary>The indexes of the findings whose "遮盖" box is ticked; a finding shown and not ticked is kept as written.</summary>
    [BindProperty]
    public List<int> Mask { get; set; } = [];

    private bool _posted;

    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await publication.LoadAsync(id, cancellationToken) is not { } source)
        {
            return NotFound();
        }

        Source = source;
        Title = source.Title;
        Refusal = source.Refusal;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await publication.LoadAsync(id, cancellationToken) is not { } source)
        {
            return NotFound();
        }

        Source = source;
        _posted = true;
        var kept = Shown.Except(Mask).ToHashSet();
        var result = await publication.CreateAsync(source, Title, TopicCategoryId, kept, cancellationToken);
        if (result.Item is { } item)
        {
            TempData["Message"] = "已生成主动公开目录草稿，请核对遮盖后的正文，再提交保密审查。";
            return Redirect("/catalog-admin/" + item.Id);
        }

        Refusal = result.Refusal;
        Errors = result.Errors;
        Response.StatusCode = Refusal is null ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
        return Page();
    }

    /// <summary>Whether finding <paramref name="index"/> is masked on this form (all are at first).</summary>
    public bool IsMasked(int index) => !_posted || Mask.Contains(index) || !Shown.Contains(index);

    /// <summary>The text cut at the findings: plain runs, and each finding with its index.</summary>
    public IEnumerable<(string Text, int? Finding)> Segments()
    {
        var at = 0;
        for (var i = 0; i < Source.Found.Count; i++)
        {
            var datum = Source.Found[i];
            if (datum.Start > at)
            {
                yield return (Source.Text[at..datum.Start], null);
            }

            yield return (IsMasked(i) ? datum.Masked : datum.Original, i);
            at = datum.Start + datum.Length;
        }

        if (at < Source.Text.Length)
        {
            yield return (Source.Text[at..], null);
        }
    }

    public static string KindLabel(PersonalDatum datum) => datum.Kind.Label();
}
