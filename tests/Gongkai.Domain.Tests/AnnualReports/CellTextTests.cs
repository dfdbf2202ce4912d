using Gongkai.AnnualReports;

namespace Gongkai.Tests.AnnualReports;

public class CellTextTests
{
    [Theory]
    [InlineData("0", CellKind.Zero, "0")]
    [InlineData(" 12 ", CellKind.Number, "12")]
    [InlineData("１２", CellKind.Number, "12")]
    [InlineData("3件", CellKind.Number, "3")]
    [InlineData("110.139", CellKind.Number, "110.139")]
    [InlineData("1.5万元", CellKind.Number, "1.5")]
    [InlineData("832995元", CellKind.Number, "832995")]
    [InlineData("1,234", CellKind.Number, "1234")]
    [InlineData("-8", CellKind.Number, "-8")]
    [InlineData("0.00", CellKind.Zero, "0")]
    public void Numbers_are_read_through_formatting(string raw, CellKind kind, string value)
    {
        var (actualKind, actualValue) = CellText.Interpret(raw);

        actualKind.ShouldBe(kind);
        actualValue.ShouldBe(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("", CellKind.Blank)]
    [InlineData("  \u3000", CellKind.Blank)]
    [InlineData("/", CellKind.Placeholder)]
    [InlineData("／", CellKind.Placeholder)]
    [InlineData("-", CellKind.Placeholder)]
    [InlineData("—", CellKind.Placeholder)]
    [InlineData("无", CellKind.Placeholder)]
    [InlineData("不适用", CellKind.Placeholder)]
    [InlineData("见附件", CellKind.Text)]
    [InlineData("1,2", CellKind.Text)]
    [InlineData("1.", CellKind.Text)]
    public void Non_numbers_keep_what_the_source_said(string raw, CellKind kind)
    {
        var (actualKind, actualValue) = CellText.Interpret(raw);

        actualKind.ShouldBe(kind);
        actualValue.ShouldBeNull();
    }

    [Fact]
    public void A_cell_keeps_its_raw_text_and_location_but_compares_by_meaning()
    {
        var location = SourceLocation.AtLine(57, 12);
        var written = Cell.Parse("0件", location);

        written.Raw.ShouldBe("0件");
        written.Location.ShouldBe(location);
        written.ShouldBe(Cell.Of(0));
        Cell.Parse("/").ShouldNotBe(Cell.Parse(""));
    }
}
