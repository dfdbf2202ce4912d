namespace Gongkai.AnnualReports.Validation;

/// <summary>
/// What each numeric cell of the report's own format holds: CELL-VALUE (text, negative, fractional counts),
/// CELL-BLANK (blank or placeholder where a number belongs) and T2-FEE-UNIT (a 万元 amount that looks like 元).
/// Cells the parser could not find (<see cref="CellKind.Missing"/>) are the parser's to report.
/// </summary>
internal static class CellRules
{
    /// <summary>10 亿元: above this a year's 行政事业性收费 in 万元 is far more likely an amount typed in 元.</summary>
    public const decimal FeeWanYuanLimit = 100_000m;

    private const string NumberExpected = "数字";

    private static readonly Table2Field[] Table2Fields2021 = [.. NationalFormat.Table2Fields(ReportFormat.Format2021)];
    private static readonly Table2Field[] Table2Fields2019 = [.. NationalFormat.Table2Fields(ReportFormat.Format2019)];
    private static readonly Table3Column[] Table3Columns = Enum.GetValues<Table3Column>();
    private static readonly Table4Block[] Table4Blocks = Enum.GetValues<Table4Block>();
    private static readonly Table4Column[] Table4Columns = Enum.GetValues<Table4Column>();

    public static void CheckValues(AnnualReport report, List<Finding> findings)
    {
        foreach (var field in Table2Fields(report.Format))
        {
            var cell = report.Table2[field];
            if (ValueProblem(cell, NationalFormat.Table2FieldDefinition(field).Unit) is { } problem)
            {
                findings.Add(ValueFinding(cell, problem, NationalFormat.Describe(field), NationalFormat.PathOf(field)));
            }
        }

        var format = report.Format;
        foreach (var row in TableRules.Rows(format))
        {
            foreach (var column in Table3Columns)
            {
                var cell = report.Table3[row, column];
                if (ValueProblem(cell, CellUnit.Count) is { } problem)
                {
                    findings.Add(ValueFinding(cell, problem, NationalFormat.Describe(format, row, column), NationalFormat.PathOf(format, row, column)));
                }
            }
        }

        foreach (var block in Table4Blocks)
        {
            foreach (var column in Table4Columns)
            {
                var cell = report.Table4[block, column];
                if (ValueProblem(cell, CellUnit.Count) is { } problem)
                {
                    findings.Add(ValueFinding(cell, problem, NationalFormat.Describe(block, column), NationalFormat.PathOf(block, column)));
                }
            }
        }
    }

    public static void CheckBlanks(AnnualReport report, List<Finding> findings)
    {
        foreach (var field in Table2Fields(report.Format))
        {
            var cell = report.Table2[field];
            if (IsBlank(cell))
            {
                findings.Add(BlankFinding(cell, NationalFormat.Describe(field), NationalFormat.PathOf(field)));
            }
        }

        var format = report.Format;
        foreach (var row in TableRules.Rows(format))
        {
            foreach (var column in Table3Columns)
            {
                var cell = report.Table3[row, column];
                if (IsBlank(cell))
                {
                    findings.Add(BlankFinding(cell, NationalFormat.Describe(format, row, column), NationalFormat.PathOf(format, row, column)));
                }
            }
        }

        foreach (var block in Table4Blocks)
        {
            foreach (var column in Table4Columns)
            {
                var cell = report.Table4[block, column];
                if (IsBlank(cell))
                {
                    findings.Add(BlankFinding(cell, NationalFormat.Describe(block, column), NationalFormat.PathOf(block, column)));
                }
            }
        }
    }

    /// <summary>
    /// T2-FEE-UNIT: an amount of a 万元 column written with the unit 元 ("832995元"), and the 2021 fee amount above
    /// <see cref="FeeWanYuanLimit"/> 万元.
    /// </summary>
    public static void CheckFeeUnit(AnnualReport report, List<Finding> findings)
    {
        foreach (var field in Table2Fields(report.Format))
        {
            var written = report.Table2[field];
            if (NationalFormat.Table2FieldDefinition(field).Unit == CellUnit.WanYuan && written.Value is { } yuan && IsWrittenInYuan(written))
            {
                var wan = FindingText.Number(yuan / 10_000m);
                findings.Add(RuleCatalogue.Finding(
                    RuleCatalogue.T2FeeUnit,
                    $"{NationalFormat.Describe(field)}写作“{written.Raw.Trim()}”，单位是元；该栏单位为万元，应填 {wan}。请改正。",
                    written.Location,
                    [NationalFormat.PathOf(field)],
                    wan,
                    written.Raw.Trim()));
            }
        }

        if (report.Format != ReportFormat.Format2021)
        {
            return;
        }

        var cell = report.Table2[Table2Field.FeesWanYuan];
        if (cell.Value is not { } amount || amount <= FeeWanYuanLimit || IsWrittenInYuan(cell))
        {
            return;
        }

        // 1 万元 = 10 000 元 and 1 亿元 = 10 000 万元, so the same quotient is both the amount in 亿元 and the 万元
        // figure the cell should hold if the source number was in 元.
        var quotient = FindingText.Number(amount / 10_000m);
        findings.Add(RuleCatalogue.Finding(
            RuleCatalogue.T2FeeUnit,
            $"{NationalFormat.Describe(Table2Field.FeesWanYuan)}为 {FindingText.Number(amount)}，即 {quotient} 亿元，数额异常偏大，可能误按“元”填写。该栏单位为万元：若原数为元，应填 {quotient}。请核对。",
            cell.Location,
            [NationalFormat.PathOf(Table2Field.FeesWanYuan)],
            quotient,
            FindingText.Number(amount)));
    }

    private static Table2Field[] Table2Fields(ReportFormat format) =>
        format == ReportFormat.Format2019 ? Table2Fields2019 : Table2Fields2021;

    private static bool IsWrittenInYuan(Cell cell) =>
        CellText.Normalize(cell.Raw) is var raw && raw.EndsWith('元') && !raw.EndsWith("万元", StringComparison.Ordinal);

    private static bool IsBlank(Cell cell) => cell.Kind is CellKind.Blank or CellKind.Placeholder;

    private static ValueProblemKind? ValueProblem(Cell cell, CellUnit unit)
    {
        if (cell.Kind == CellKind.Text)
        {
            return ValueProblemKind.Text;
        }

        if (cell.Value is not { } value)
        {
            return null;
        }

        if (value < 0 && unit != CellUnit.SignedCount)
        {
            return ValueProblemKind.Negative;
        }

        return unit != CellUnit.WanYuan && decimal.Truncate(value) != value ? ValueProblemKind.Fraction : null;
    }

    private static Finding ValueFinding(Cell cell, ValueProblemKind problem, string description, string path)
    {
        return problem switch
        {
            ValueProblemKind.Text => RuleCatalogue.Finding(
                RuleCatalogue.CellValue,
                $"{description}填写了文字“{cell.Raw.Trim()}”，此处应填数字（没有的填 0）。请改为数字，说明文字写入正文。",
                cell.Location,
                [path],
                NumberExpected,
                cell.Raw.Trim()),
            ValueProblemKind.Negative => RuleCatalogue.Finding(
                RuleCatalogue.CellValue,
                $"{description}为负数 {FindingText.Number(cell.Value!.Value)}，此处不能为负。请核对并改为实际数值。",
                cell.Location,
                [path],
                "非负数",
                FindingText.Number(cell.Value!.Value)),
            _ => RuleCatalogue.Finding(
                RuleCatalogue.CellValue,
                $"{description}为 {FindingText.Number(cell.Value!.Value)}，件数应为整数。请核对并改为实际件数。",
                cell.Location,
                [path],
                "整数",
                FindingText.Number(cell.Value!.Value)),
        };
    }

    private static Finding BlankFinding(Cell cell, string description, string path)
    {
        var message = cell.Kind == CellKind.Blank
            ? $"{description}为空。此处应填数字，没有的填 0。"
            : $"{description}填写了“{cell.Raw.Trim()}”。此处应填数字，没有的填 0，不能用占位符。";
        var actual = cell.Kind == CellKind.Blank ? cell.ToString() : cell.Raw.Trim();
        return RuleCatalogue.Finding(RuleCatalogue.CellBlank, message, cell.Location, [path], NumberExpected, actual);
    }

    private enum ValueProblemKind
    {
        Text,
        Negative,
        Fraction,
    }
}
