using AnnualReview.Assessment.Model;

namespace AnnualReview.Documents.Layout;

/// <summary>The rating levels as the forms print them.</summary>
public static class LevelNames
{
    public static string Vi(RatingLevel level) => level switch
    {
        RatingLevel.Excellent => "Hoàn thành xuất sắc nhiệm vụ",
        RatingLevel.Good => "Hoàn thành tốt nhiệm vụ",
        RatingLevel.Completed => "Hoàn thành nhiệm vụ",
        RatingLevel.NotCompleted => "Không hoàn thành nhiệm vụ",
        _ => level.ToString(),
    };

    /// <summary>The abbreviation used in tables (HTXSNV, HTTNV, HTNV, KHTNV).</summary>
    public static string Abbreviation(RatingLevel level) => level switch
    {
        RatingLevel.Excellent => "HTXSNV",
        RatingLevel.Good => "HTTNV",
        RatingLevel.Completed => "HTNV",
        RatingLevel.NotCompleted => "KHTNV",
        _ => level.ToString(),
    };

    public static string Vi(RatingLevel? level) => level is { } l ? Vi(l) : "—";

    public static string Abbreviation(RatingLevel? level) => level is { } l ? Abbreviation(l) : "—";

    /// <summary>Levels from best to worst, the order the forms list them.</summary>
    public static readonly RatingLevel[] InFormOrder = [RatingLevel.Excellent, RatingLevel.Good, RatingLevel.Completed, RatingLevel.NotCompleted];
}
