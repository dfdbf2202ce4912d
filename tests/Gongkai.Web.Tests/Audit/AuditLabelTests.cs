using System.Text.RegularExpressions;
using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Tests.Applications;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Gongkai.Web.Audit;

namespace Gongkai.Tests.Audit;

/// <summary>The audit log speaks Chinese: every action and entity code the platform records has a name.</summary>
public partial class AuditLabelTests
{
    [Fact]
    public void Every_action_and_entity_code_recorded_in_the_source_has_a_chinese_name()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Gongkai.slnx")))
        {
            root = root.Parent ?? throw new InvalidOperationException("Gongkai.slnx not found above the test binaries.");
        }

        var calls = Directory.EnumerateFiles(Path.Combine(root.FullName, "src"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(File.ReadLines)
            .Where(line => line.Contains("audit.Record(", StringComparison.Ordinal))
            .ToList();
        var actions = calls.SelectMany(line => ActionCode().Matches(line).Select(m => m.Value.Trim('"'))).Distinct(StringComparer.Ordinal).ToList();
        var entities = calls.SelectMany(line => EntityCode().Matches(line).Select(m => m.Groups[1].Value)).Distinct(StringComparer.Ordinal).ToList();

        actions.Count.ShouldBeGreaterThan(30);
        entities.Count.ShouldBeGreaterThan(10);
        actions.Where(code => AuditLabels.Action(code) == code).ShouldBeEmpty();
        entities.Where(code => AuditLabels.Entity(code) == code).ShouldBeEmpty();
    }

    [Fact]
    public void Case_actions_and_catalogue_steps_take_their_names_from_their_catalogues_and_unknown_codes_show_as_they_are()
    {
        AuditLabels.Action("application.received").ShouldBe("收到申请");
        AuditLabels.Action("application.register").ShouldBe("办理申请：登记");
        AuditLabels.Action("application.approve-extension").ShouldBe("办理申请：批准延期");
        AuditLabels.Action("catalog.published").ShouldBe("主动公开目录：发布");
        AuditLabels.Action("something.new").ShouldBe("something.new");
        AuditLabels.Entity("Application").ShouldBe("申请");
        AuditLabels.Entity("Something").ShouldBe("Something");
    }

    [Fact]
    public async Task The_audit_log_page_shows_chinese_names_keeps_the_codes_in_titles_and_filters_by_code()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        var education = await app.CaseAsync(Desk.Education, q => q.Where(a => a.State == CaseState.InProgress));
        using (var handler = await app.SignedInAsync("handler"))
        {
            await handler.GetStringAsync(new Uri($"/applications/{education.Id}", UriKind.Relative));
        }

        using var admin = await app.SignedInAsync("admin");
        var page = await admin.GetPageAsync("/admin/audit?action=applicant.viewed");

        var row = page.QuerySelectorAll("table.audit tbody tr").ShouldHaveSingleItem();
        var cells = row.QuerySelectorAll("td");
        cells[2].TextContent.ShouldBe("查看申请人个人信息");
        cells[2].QuerySelector("span")!.GetAttribute("title").ShouldBe("applicant.viewed");
        cells[3].QuerySelector("span")!.TextContent.ShouldBe("申请");
        cells[3].QuerySelector("span")!.GetAttribute("title").ShouldBe("Application");
        (cells[1].TextContent, cells[1].QuerySelector("span")!.GetAttribute("title")).ShouldBe(("张明（经办人）", "handler"));
        var target = cells[3].QuerySelector("a.audit-object")!;
        (target.TextContent, target.GetAttribute("href"), target.GetAttribute("title")).ShouldBe(
            ($"申请 {education.Number}", $"/applications/{education.Id}", education.Id.ToString()));
        cells[3].QuerySelector("a.audit-trail")!.GetAttribute("href").ShouldBe($"/admin/audit?entity=Application&entityId={education.Id}");
        cells[5].TextContent.ShouldBe("示范县教育局");
        row.TextContent.ShouldNotContain(education.Id.ToString());
        page.QuerySelector("#audit-user option[value=handler]")!.TextContent.ShouldBe("张明（经办人）");
        var selected = page.QuerySelector("#audit-action option[selected]")!;
        selected.GetAttribute("value").ShouldBe("applicant.viewed");
        selected.TextContent.ShouldBe("查看申请人个人信息");
        page.QuerySelector("#audit-entity option[value=Application]")!.TextContent.ShouldBe("申请");
    }

    [GeneratedRegex("\"[a-z-]+(\\.[a-z-]+)+\"")]
    private static partial Regex ActionCode();

    [GeneratedRegex("\"[a-z0-9.-]+\"\\s*,\\s*\"([A-Za-z]+)\"")]
    private static partial Regex EntityCode();
}
