namespace AnnualReview.Assessment.Shortcomings;

/// <summary>How far the member fixed a carried shortcoming (kết quả khắc phục).</summary>
public enum FixState
{
    /// <summary>Đã khắc phục.</summary>
    Fixed,

    /// <summary>Khắc phục một phần.</summary>
    PartlyFixed,

    /// <summary>Chưa khắc phục.</summary>
    NotFixed,
}

/// <summary>The member's account of one carried shortcoming: its text, how far it is fixed, and a word of evidence.</summary>
public sealed record ShortcomingFix(string Shortcoming, FixState State, string Evidence);
