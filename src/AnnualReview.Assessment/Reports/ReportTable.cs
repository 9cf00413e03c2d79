namespace AnnualReview.Assessment.Reports;

/// <summary>A report ready to write: a sheet name, a header row and typed rows. Both writers take this.</summary>
public sealed record ReportTable(string SheetName, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<ReportCell>> Rows);
