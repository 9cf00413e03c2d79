namespace AnnualReview.Workflows;

/// <summary>Registered names of the cycle's orchestrators and activities.</summary>
public static class WorkflowNames
{
    public const string Cycle = "AssessmentCycle";
    public const string Committee = "CommitteeReview";
    public const string Grassroots = "GrassrootsReview";
    public const string Cell = "CellReview";
    public const string ReRating = "ReRating";

    public const string LoadUnit = "LoadUnit";
    public const string LoadCell = "LoadCell";
    public const string Notify = "Notify";
    public const string RecordProgress = "RecordProgress";
    public const string RecordMemberStages = "RecordMemberStages";
    public const string RecordLate = "RecordLate";
    public const string FinalizeMembers = "FinalizeMembers";
    public const string WriteReport = "WriteReport";
    public const string ApplyReRating = "ApplyReRating";
}
