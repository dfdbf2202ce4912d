using Gongkai.Calendar;
using Gongkai.Data.Accounts;
using Gongkai.Data.Interaction;
using Gongkai.Web.Catalog;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Web.Channels;

/// <summary>
/// 公开渠道 of the signed-in person's agency: the portal column (always there) and the registered channels with their
/// person responsible and, for new media, the last update (flagged when stale); the form to register or change one;
/// the months' counts of channels outside the platform and the form to enter one. Publishers and administrators change them.
/// </summary>
[Authorize(Roles = CatalogRoles.Staff)]
public sealed class IndexModel(Staff staff, ChannelBook channels, TimeProvider clock) : PageModel
{
    public IReadOnlyList<ChannelRow> Channels { get; private set; } = [];

    public IReadOnlyList<ChannelMonthlyCount> Counts { get; private set; } = [];

    public Guid AgencyId => staff.AgencyId;

    public int StaleAfterDays => channels.StaleAfterDays;

    public bool CanEdit => staff.IsInRole(Roles.Publisher) || staff.IsInRole(Roles.Administrator);

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    /// <summary>The channel being changed (from 修改), or null for a new one.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Edit { get; set; }

    [BindProperty]
    public ChannelInput Input { get; set; } = new();

    [BindProperty]
    public ChannelCountInput CountInput { get; set; } = new();

    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> CountErrors { get; private set; } = new Dictionary<string, string>();

    public int ShownYear => Year is >= 2000 and <= 9999 ? Year.Value : ChinaTime.Today(clock).Year;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Edit is { } edit && Channels.FirstOrDefault(c => c.Id == edit) is { } channel)
        {
            Input = new ChannelInput
            {
                Kind = channel.Kind,
                Name = channel.Name,
                Address = channel.Address,
                Responsible = channel.Responsible,
                LastUpdatedOn = DateText.Iso(channel.LastUpdatedOn),
            };
        }
        else
        {
            Edit = null;
        }

        CountInput.Month = ChinaTime.Today(clock).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        Errors = await channels.SaveAsync(Edit, Input, cancellationToken);
        if (Errors.Count == 0)
        {
            TempData["Message"] = Edit is null ? "已登记公开渠道。" : "已保存公开渠道的修改。";
            return Redirect("/channels");
        }

        await LoadAsync(cancellationToken);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    public async Task<IActionResult> OnPostCountAsync(CancellationToken cancellationToken)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        CountErrors = await channels.SaveCountAsync(CountInput, cancellationToken);
        if (CountErrors.Count == 0)
        {
            TempData["Message"] = "已登记月度发布条数。";
            var (year, _) = ChannelBook.ParseMonth(CountInput.Month);
            return Redirect(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"/channels?year={year}#counts"));
        }

        await LoadAsync(cancellationToken);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var message) ? message : null;

    public string? CountErrorFor(string field) => CountErrors.TryGetValue(field, out var message) ? message : null;

    public ChannelRow? ChannelOf(Guid id) => Channels.FirstOrDefault(c => c.Id == id);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Channels = await channels.ForAgencyAsync(staff.AgencyId, cancellationToken);
        Counts = await channels.CountsAsync(staff.AgencyId, ShownYear, cancellationToken);
    }
}
