using Gongkai.AnnualReports.Parsing.Recognition;

namespace Gongkai.Domain.Tests.AnnualReports.Parsing;

public sealed class StatedFiguresTests
{
    [Fact]
    public void Reads_the_figures_a_sentence_names_by_their_verb()
    {
        // 302-pingtan-zone-2022.txt, section 一, as published.
        var figures = StatedFigures.Find(["设立规范性文件库，集中公开现行有效行政规范性文件698件，动态更新本年度制发的规范性文件88件。"], "规范性文件");

        figures.ShouldBe(new Dictionary<int, decimal> { [0] = 88m, [2] = 698m });
    }

    [Fact]
    public void A_figure_shared_by_two_rows_or_after_another_figure_is_not_read()
    {
        StatedFigures.Find(["本年制发规章和规范性文件10件。"], "规范性文件").ShouldBeEmpty();
        StatedFigures.Find(["本年制发规章、规范性文件10件。"], "规章").ShouldBeEmpty();
        StatedFigures.Find(["废止2件，规范性文件5件。"], "规范性文件").ShouldBeEmpty();
        StatedFigures.Find(["制发规章制度5件。"], "规章").ShouldBeEmpty();
    }

    [Fact]
    public void A_column_stated_twice_with_different_values_is_left_out()
    {
        var figures = StatedFigures.Find(["现行有效规范性文件393件。", "废止规范性文件4件，现行有效规范性文件470件。"], "规范性文件");

        figures.ShouldBe(new Dictionary<int, decimal> { [1] = 4m });
    }

    [Fact]
    public void Table_text_whose_digits_run_on_is_not_a_stated_figure()
    {
        StatedFigures.Find(["信息内容本年制发件数本年废止件数现行有效件数规章 000行政规范性文件693665第二十条第（五）项"], "规范性文件").ShouldBeEmpty();
    }
}
