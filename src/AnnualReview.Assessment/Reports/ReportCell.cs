namespace AnnualReview.Assessment.Reports;

/// <summary>
/// One value of a report table, typed so each writer can do the right thing: numbers stay numbers in Excel
/// (sortable, summable), dates become real dates, text is text.
/// </summary>
public readonly record struct ReportCell
{
    private ReportCell(ReportCellKind kind, string? text, decimal number, DateOnly date)
    {
        Kind = kind;
        Text = text;
        Number = number;
        Date = date;
    }

    public ReportCellKind Kind { get; }

    public string? Text { get; }

    public decimal Number { get; }

    public DateOnly Date { get; }

    public static ReportCell Empty { get; } = new(ReportCellKind.Empty, null, 0, default);

    public static ReportCell Of(string? text) => text is null ? Empty : new(ReportCellKind.Text, text, 0, default);

    public static ReportCell Of(int number) => new(ReportCellKind.Number, null, number, default);

    public static ReportCell Of(int? number) => number is { } n ? Of(n) : Empty;

    /// <summary>A percentage already multiplied by 100 and rounded to one decimal; written with one decimal.</summary>
    public static ReportCell Percent(decimal? percent) =>
        percent is { } p ? new(ReportCellKind.Percent, null, p, default) : Empty;

    public static ReportCell Of(DateOnly date) => new(ReportCellKind.Date, null, 0, date);
}
