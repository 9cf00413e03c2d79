namespace AnnualReview.Assessment.Model;

/// <summary>A node of the party tree. <see cref="ParentId"/> is null only for the root.</summary>
public sealed record Unit(string Id, string Name, UnitKind Kind, string? ParentId)
{
    /// <summary>Email of the unit's secretary or standing office, for reminders and escalations.</summary>
    public string? Email { get; init; }
}
