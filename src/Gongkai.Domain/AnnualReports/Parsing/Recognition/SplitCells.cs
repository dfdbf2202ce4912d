using Gongkai.AnnualReports.Validation;

namespace Gongkai.AnnualReports.Parsing.Recognition;

/// <summary>Turns how a row's digits parted into its cells, with a reading finding whenever the reader is not sure.</summary>
internal static class SplitCells
{
    /// <summary>The reason for a split read by the weaker rule of a table whose identity no split satisfies.</summary>
    public static Func<Split, string> Relaxed(string identity, string weaker) => chosen =>
        $"没有一种分法能使{identity}，只有“{chosen.Describe()}”能使{weaker}，已按此读取。请核对原文：原表的数字可能有误。";

    /// <summary>
    /// The cells of a split row: the chosen split's numbers (<see cref="CellReading.Split"/> when certain,
    /// <see cref="CellReading.Unsure"/> otherwise), or unsure missing cells when no single split fits. Adds a
    /// READ-DIGITS finding naming the cells unless the split is certain.
    /// </summary>
    /// <param name="context">The document's context, for the finding.</param>
    /// <param name="split">How the digits parted.</param>
    /// <param name="source">The row's value cells as the source wrote them.</param>
    /// <param name="location">Where the row is.</param>
    /// <param name="paths">The paths of the row's cells, in order.</param>
    /// <param name="what">The row, for messages: "表三“（一）予以公开”一行".</param>
    /// <param name="whyUnsure">Why the chosen split is not certain, for the finding.</param>
    public static Cell[] Assign(
        RecognitionContext context,
        SplitReading split,
        IReadOnlyList<SourceCell> source,
        SourceLocation location,
        IReadOnlyList<string> paths,
        string what,
        Func<Split, string> whyUnsure)
    {
        var digits = ValueSplitter.Digits(source);
        var cells = new Cell[paths.Count];
        if (split.Chosen is { } chosen)
        {
            var reading = split.Certain ? CellReading.Split : CellReading.Unsure;
            for (var c = 0; c < cells.Length; c++)
            {
                cells[c] = Cell.Parse(chosen.Cells[c].Text, chosen.Cells[c].Location) with { Reading = reading };
            }

            if (!split.Certain)
            {
                context.Findings.Add(RuleCatalogue.Finding(RuleCatalogue.ReadDigits, $"{what}的数字连在一起（{digits}），{whyUnsure(chosen)}", location, paths));
            }

            return cells;
        }

        for (var c = 0; c < cells.Length; c++)
        {
            cells[c] = Cell.Missing with { Location = location, Reading = CellReading.Unsure };
        }

        var message = split.Candidates.Count == 0
            ? $"{what}的数字连在一起（{digits}），无法分成{cells.Length}个单元格，未读取。请核对原文并手工填写。"
            : $"{what}的数字连在一起（{digits}），可以分成 {split.DescribeCandidates()}，无法确定，未读取。请核对原文。";
        context.Findings.Add(RuleCatalogue.Finding(RuleCatalogue.ReadDigits, message, location, paths));
        return cells;
    }
}
