using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Parsing;

namespace Gongkai.Tests.AnnualReports.Parsing;

/// <summary>
/// The reader fixtures (made by make_fixtures.py from samples/reports) and the layout every reader must reproduce
/// for table 三 of the national format: 10 grid columns (3 label columns, 7 numbers) and 28 grid rows.
/// </summary>
internal static class ParsingFixtures
{
    public static string PathOf(string name) =>
        Path.Combine(AppContext.BaseDirectory, "AnnualReports", "Parsing", "Fixtures", name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    public static List<SourceLine> Table(SourceDocument document, int table) =>
        document.Lines.Where(line => line.TableIndex == table).ToList();

    public static SourceLine ParagraphLine(SourceDocument document, string text) =>
        document.Lines.Single(line => line.IsParagraph && line.Text == text);

    /// <summary>
    /// Asserts the merged cells of table 三 as the national template lays them out (rules.md §2.1): the note
    /// rowspan 3 colspan 3, 申请人情况 colspan 7, 自然人 and 总计 rowspan 2, 法人或其他组织 colspan 5, the row labels
    /// 一/二/四 colspan 3, 三、本年度办理结果 rowspan 22, （三）rowspan 8, （四）3, （五）5, （六）3.
    /// </summary>
    public static void ShouldHaveNationalTable3Layout(this List<SourceLine> rows, int table)
    {
        rows.Count.ShouldBe(28);
        rows.ShouldAllBe(row => row.Cells.Count == 10 && row.TableIndex == table);
        rows.SelectMany(row => row.Cells).Where(cell => cell.IsSpanned).ShouldAllBe(cell => cell.Text.Length == 0);

        SourceCell At(int row, int column) => rows[row - 1].Cells[column - 1];
        void Origin(int row, int column, string text)
        {
            At(row, column).Text.ShouldBe(text);
            At(row, column).IsSpanned.ShouldBeFalse();
            At(row, column).Location.ShouldBe(SourceLocation.InTable(table, row, column));
        }

        void Covered(int fromRow, int toRow, int fromColumn, int toColumn, int originRow, int originColumn)
        {
            for (var r = fromRow; r <= toRow; r++)
            {
                for (var c = fromColumn; c <= toColumn; c++)
                {
                    if (r == originRow && c == originColumn)
                    {
                        continue;
                    }

                    At(r, c).IsSpanned.ShouldBeTrue($"row {r} column {c}");
                    At(r, c).Location.ShouldBe(SourceLocation.InTable(table, originRow, originColumn));
                }
            }
        }

        Origin(1, 1, "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)");
        Covered(1, 3, 1, 3, 1, 1);
        Origin(1, 4, "申请人情况");
        Covered(1, 1, 4, 10, 1, 4);
        Origin(2, 4, "自然人");
        Covered(2, 3, 4, 4, 2, 4);
        Origin(2, 5, "法人或其他组织");
        Covered(2, 2, 5, 9, 2, 5);
        Origin(2, 10, "总计");
        Covered(2, 3, 10, 10, 2, 10);
        rows[2].Cells.Skip(4).Take(5).Select(cell => cell.Text)
            .ShouldBe(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]);

        Origin(4, 1, "一、本年新收政府信息公开申请数量");
        Covered(4, 4, 1, 3, 4, 1);
        Origin(6, 1, "三、本年度办理结果");
        Covered(6, 27, 1, 1, 6, 1);
        Origin(8, 2, "(三) 不予公开");
        Covered(8, 15, 2, 2, 8, 2);
        Origin(8, 3, "1.属于国家秘密");
        Origin(16, 2, "(四) 无法提供");
        Covered(16, 18, 2, 2, 16, 2);
        Origin(19, 2, "(五) 不予处理");
        Covered(19, 23, 2, 2, 19, 2);
        Origin(24, 2, "(六) 其他处理");
        Covered(24, 26, 2, 2, 24, 2);
        Origin(26, 3, "3.其他");
        Origin(27, 2, "(七) 总计");
        Covered(27, 27, 2, 3, 27, 2);
        Origin(28, 1, "四、结转下年度继续办理");
        Covered(28, 28, 1, 3, 28, 1);

        // Every merged position above, and no other: 8 + 6 + 1 + 4 + 1 + 3×2 + 21 + 3 + (7 + 2 + 4 + 2).
        rows.SelectMany(row => row.Cells).Count(cell => cell.IsSpanned).ShouldBe(65);
        for (var r = 4; r <= 28; r++)
        {
            rows[r - 1].Cells.Skip(3).ShouldAllBe(cell => !cell.IsSpanned && CellText.Interpret(cell.Text).Value != null);
        }
    }
}
