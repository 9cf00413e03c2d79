namespace AnnualReview.Assessment.Reports;

/// <summary>What a <see cref="ReportCell"/> holds.</summary>
public enum ReportCellKind
{
    Empty,
    Text,
    Number,

    /// <summary>A number shown with one decimal (percent values such as 12.5).</summary>
    Percent,
    Date,
}
