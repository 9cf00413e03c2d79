namespace AnnualReview.Functions.Api.Documents;

/// <summary>
/// Settings of the printed documents. <c>Documents:Place</c> is the place written in each document's date line
/// ("Thành phố Hồ Chí Minh, ngày 5 tháng 12 năm 2026"); the date is today in the cycle's time zone.
/// </summary>
public sealed record DocumentSettings(string Place)
{
    public const string DefaultPlace = "Thành phố Hồ Chí Minh";

    public static DocumentSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new DocumentSettings(configuration["Documents:Place"] is { Length: > 0 } place ? place.Trim() : DefaultPlace);
    }
}
