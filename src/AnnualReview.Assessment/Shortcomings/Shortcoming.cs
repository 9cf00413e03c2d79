namespace AnnualReview.Assessment.Shortcomings;

/// <summary>Where a shortcoming carried into this year's section A.III was named.</summary>
public enum ShortcomingSource
{
    /// <summary>Section A.II (hạn chế, khuyết điểm) of last year's final self-review version.</summary>
    SelfReview,

    /// <summary>The superior's conclusions (kết luận của cấp trên) at last year's review.</summary>
    SuperiorConclusion,

    /// <summary>The findings of a re-rating (xếp loại lại) of last year.</summary>
    ReRating,
}

/// <summary>One shortcoming (hạn chế, khuyết điểm) named at the previous review, carried to be fixed this year.</summary>
public sealed record Shortcoming(string Text, ShortcomingSource Source);
