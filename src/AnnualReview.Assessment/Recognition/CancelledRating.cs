using AnnualReview.Assessment.Model;

namespace AnnualReview.Assessment.Recognition;

/// <summary>A rating set aside by the competent level (hủy kết quả xếp loại, Mẫu 03), kept for the history.</summary>
public sealed record CancelledRating(string MemberId, int Year, RatingLevel Level, string Reason);
