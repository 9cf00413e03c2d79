namespace AnnualReview.Assessment.Recognition;

/// <summary>A flag raised on the years <see cref="FirstYear"/> through <see cref="Year"/>; it asks for a decision, it decides nothing.</summary>
public sealed record RecognitionFlag(FlagKind Kind, string MemberId, int Year, int FirstYear, string NameVi, string NameEn);
