namespace AnnualReview.Assessment.Reports;

/// <summary>The language of a report's headers and labels; the data itself is never translated.</summary>
public enum ReportLanguage
{
    /// <summary>Tiếng Việt: what the board files and forwards.</summary>
    Vietnamese,

    English,
}
