using System.Net;
using System.Net.Http.Json;
using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Tests.Applications;

/// <summary>
/// The case page and the API mask the applicant's identity number, phone and address by default; showing them in
/// full is a POST of its own, audited as "applicant.revealed" — tested on the demo data's forms (a resident number
/// with a village address and a mobile; an organisation's credit code).
/// </summary>
public class PersonalDataTests
{
    [Theory]
    [InlineData(ApplicantType.NaturalPerson)]
    [InlineData(ApplicantType.Commercial)]
    public async Task The_case_page_masks_identity_numbers_phones_and_addresses_until_a_reveal_which_is_audited(ApplicantType type)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var record = await app.CaseAsync(Desk.Education, q => q.Where(a => a.ApplicantType == type && a.IdNumber != null && a.Phone != null && a.Address != null));
        using var client = await app.SignedInAsync("handler");
        var url = $"/applications/{record.Id}";

        var page = await client.GetPageAsync(url);
        var idNumber = page.QuerySelector("#applicant-id-number")!.TextContent;
        idNumber.ShouldEndWith(" " + PersonalDataMask.IdentityNumber(record.IdNumber!));
        idNumber.ShouldContain("***");
        page.QuerySelector("#applicant-phone")!.TextContent.ShouldBe(record.Phone![..3] + "****" + record.Phone[^4..]);
        page.QuerySelector("#applicant-address")!.TextContent.ShouldBe(PersonalDataMask.Address(record.Address!) + "（邮编 453000）");
        page.QuerySelector("#applicant-address")!.TextContent.ShouldStartWith("示范县");
        var html = page.DocumentElement.OuterHtml;
        html.ShouldNotContain(record.IdNumber!);
        html.ShouldNotContain(record.Phone);
        html.ShouldNotContain(record.Address!);
        (await app.AuditCountAsync("applicant.revealed", record.Id.ToString())).ShouldBe(0);

        var revealed = await client.PostFormAsync(url, [], url + "?handler=reveal");
        revealed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await revealed.BodyAsync();
        body.ShouldContain(record.IdNumber!);
        body.ShouldContain(record.Phone);
        body.ShouldContain(record.Address!);
        body.ShouldNotContain("id=\"reveal-personal-data\"", customMessage: "nothing left to reveal");

        await using var db = app.Database.CreateContext();
        var entry = await db.AuditLog.SingleAsync(e => e.Action == "applicant.revealed");
        entry.EntityId.ShouldBe(record.Id.ToString());
        entry.UserName.ShouldBe("handler");
        entry.AgencyId.ShouldBe(record.AgencyId);
        entry.Summary.ShouldBe($"显示申请 {record.Number} 的申请人完整证件号码、电话和地址");

        using var admin = await app.SignedInAsync("admin");
        var audit = await admin.GetPageAsync("/admin/audit?action=applicant.revealed");
        audit.QuerySelector("table.audit tbody")!.TextContent.ShouldContain("显示申请人完整证件号码和联系方式");

        // The next ordinary view is masked again.
        (await client.GetStringAsync(new Uri(url, UriKind.Relative))).ShouldNotContain(record.IdNumber!);
    }

    [Fact]
    public async Task The_api_masks_by_default_and_reveals_only_to_the_handling_agency_by_an_audited_post()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var record = await app.CaseAsync(Desk.Education, q => q.Where(a => a.ApplicantType == ApplicantType.NaturalPerson && a.IdNumber != null && a.Phone != null));
        using var handler = await app.SignedInAsync("handler");
        var reveal = new Uri($"/api/applications/{record.Id}/applicant/reveal", UriKind.Relative);

        var applicant = (await (await handler.GetAsync(new Uri($"/api/applications/{record.Id}", UriKind.Relative))).JsonAsync()).GetProperty("applicant");
        applicant.GetProperty("idNumber").GetString().ShouldBe(record.IdNumber![..3] + "***********" + record.IdNumber[^4..]);
        applicant.GetProperty("phone").GetString().ShouldBe(PersonalDataMask.Phone(record.Phone!));

        var full = await (await handler.PostAsJsonAsync(reveal, new { })).JsonAsync();
        full.GetProperty("idNumber").GetString().ShouldBe(record.IdNumber);
        full.GetProperty("phone").GetString().ShouldBe(record.Phone);
        full.GetProperty("address").GetString().ShouldBe(record.Address);
        (await app.AuditCountAsync("applicant.revealed", record.Id.ToString(), "handler")).ShouldBe(1);

        using var supervisor = await app.SignedInAsync("supervisor");
        (await supervisor.PostAsJsonAsync(reveal, new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var otherAgency = await app.SignedInAsync("handler2");
        (await otherAgency.PostAsJsonAsync(reveal, new { })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.AuditCountAsync("applicant.revealed")).ShouldBe(1);
    }
}
