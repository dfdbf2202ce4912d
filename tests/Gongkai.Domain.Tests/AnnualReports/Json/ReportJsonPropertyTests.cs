using FsCheck;
using FsCheck.Fluent;
using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Json;

namespace Gongkai.Tests.AnnualReports.Json;

public class ReportJsonPropertyTests
{
    private static readonly Gen<string> Texts = Gen.Elements(
        "", "本年度", "A&B <c> \"d\" 'e'", "第一段\n第二段", "  前后空格  ", "\\ / \u0001 \u2028 😀", "a|b", "line\r\nbreak");

    private static readonly Gen<SourceLocation?> Locations = Gen.OneOf(
        Gen.Constant<SourceLocation?>(null),
        Gen.Choose(1, 5000).Select(line => (SourceLocation?)SourceLocation.AtLine(line, line % 40 + 1)),
        Gen.Choose(1, 300).Select(row => (SourceLocation?)new SourceLocation(Table: row % 5 + 1, Row: row, Cell: row % 15 + 1)),
        Gen.Choose(1, 300).Select(n => (SourceLocation?)new SourceLocation(Line: n, Page: n % 9 + 1)));

    private static readonly Gen<decimal> Numbers = Gen.OneOf(
        Gen.Choose(-50, 100000).Select(n => (decimal)n),
        Gen.Choose(0, 1000000).Select(n => n / 1000m),
        Gen.Elements(0m, 0.00m, 1.50m, 79228162514264337593543950335m, -0.001m));

    private static readonly Gen<Cell> Cells = Gen.OneOf(
        Numbers.SelectMany(_ => Locations, (number, location) => Cell.Of(number, location)),
        Gen.Elements("", " ", "\u3000").SelectMany(_ => Locations, (raw, location) => Cell.Parse(raw, location)),
        Gen.Elements("/", "-", "—", "无", "不适用").SelectMany(_ => Locations, (raw, location) => Cell.Parse(raw, location)),
        Gen.Elements("见附件", "未统计", "1,2", "3元").SelectMany(_ => Locations, (raw, location) => Cell.Parse(raw, location)),
        Gen.Elements("12件", "１２", "1,234", "+5").SelectMany(_ => Locations, (raw, location) => Cell.Parse(raw, location)),
        Locations.Select(location => Cell.Missing with { Location = location }));

    private static readonly Gen<AnnualReport> Reports =
        from format in Gen.Elements(ReportFormat.Format2021, ReportFormat.Format2019)
        from title in Gen.OneOf(Texts.Select(t => (string?)t), Gen.Constant<string?>(null))
        from organization in Gen.OneOf(Texts.Select(t => (string?)t), Gen.Constant<string?>(null))
        from year in Gen.OneOf(Gen.Choose(1990, AnnualReport.LatestYear).Select(y => (int?)y), Gen.Constant<int?>(null))
        from sectionKeys in Gen.SubListOf(Enum.GetValues<SectionKey>()).SelectMany(keys => Gen.Shuffle(keys.ToArray()))
        from sectionTexts in Gen.ArrayOf(Texts, sectionKeys.Length)
        from cells in Gen.ArrayOf(Cells, FormatCell.All(format).Count)
        select Build(format, title, organization, year, sectionKeys, sectionTexts, cells);

    [Fact]
    public void Any_report_reads_back_from_its_json_form_unchanged()
    {
        var property = Prop.ForAll(Reports.ToArbitrary(), report =>
        {
            var restored = ReportJson.Deserialize(ReportJson.Serialize(report));

            ReportComparison.Differences(report, restored).ShouldBeEmpty();
            ReportJsonTests.ShouldHaveSameProvenance(report, restored);
            restored.Title.ShouldBe(report.Title);
            restored.Sections.Select(s => (s.Key, s.Text)).ShouldBe(report.Sections.Select(s => (s.Key, s.Text)));
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }

    private static AnnualReport Build(
        ReportFormat format, string? title, string? organization, int? year, SectionKey[] sectionKeys, string[] sectionTexts, Cell[] cells)
    {
        var report = new AnnualReport { Format = format, Title = title, Organization = organization, Year = year };
        for (var i = 0; i < sectionKeys.Length; i++)
        {
            report.Sections.Add(new ReportSection(sectionKeys[i], NationalFormat.Section(sectionKeys[i]).Heading, sectionTexts[i]));
        }

        var formatCells = FormatCell.All(format);
        for (var i = 0; i < formatCells.Count; i++)
        {
            formatCells[i].Set(report, cells[i]);
        }

        return report;
    }
}
