namespace AnnualReview.Documents.Layout;

/// <summary>
/// The heading block every party document opens with (thể thức văn bản của Đảng): on the left the superior
/// committee and the issuing unit, on the right "ĐẢNG CỘNG SẢN VIỆT NAM" and the place and date.
/// </summary>
/// <param name="SuperiorName">The level above the issuing unit (e.g. "Đảng bộ Phường Bến Thành"); null at the top of the tree.</param>
/// <param name="UnitName">The issuing unit (e.g. "Chi bộ Khu phố 1").</param>
/// <param name="Place">The place in the date line (e.g. "Thành phố Hồ Chí Minh").</param>
/// <param name="Number">The document's number and symbol (e.g. "Số 03-BB/CB"); null leaves a blank to fill in by hand.</param>
public sealed record DocumentHeading(string? SuperiorName, string UnitName, string Place, DateOnly Date, string? Number = null)
{
    /// <summary>"Thành phố Hồ Chí Minh, ngày 5 tháng 12 năm 2026": no leading zeros, the way the forms write it.</summary>
    public string DateLine => VietnameseDate.Line(Place, Date);
}
