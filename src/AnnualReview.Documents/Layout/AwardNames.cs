namespace AnnualReview.Documents.Layout;

/// <summary>Awards as a decision names them; the stored ids ("year-certificate") are not for paper.</summary>
public static class AwardNames
{
    public static string Vi(string award) => award switch
    {
        "year-certificate" or "YearCertificate" => "Giấy khen đảng viên hoàn thành xuất sắc nhiệm vụ trong năm",
        "five-year-excellent" or "FiveConsecutiveExcellent" => "Khen thưởng đảng viên 5 năm liền hoàn thành xuất sắc nhiệm vụ",
        _ => award,
    };
}
