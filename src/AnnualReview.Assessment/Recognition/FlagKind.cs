namespace AnnualReview.Assessment.Recognition;

/// <summary>Flags the rating raises for the competent level to consider.</summary>
public enum FlagKind
{
    /// <summary>Hai năm liền không hoàn thành nhiệm vụ: consider removal (Điều lệ Đảng, Điều 8).</summary>
    TwoConsecutiveNotCompleted,
}
