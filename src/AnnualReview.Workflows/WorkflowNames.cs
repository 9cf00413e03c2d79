namespace AnnualReview.Workflows;

/// <summary>
/// Registered names of the cycle's orchestrators and activities. Orchestrator names carry their version: the
/// first version has the plain name, a later one the name with its number (<c>CellReview2</c>), and both stay
/// registered until no instance of the old one runs. The version is pinned in the cycle's input when it starts.
/// </summary>
public static class WorkflowNames
{
    public const string FirstVersion = "1";

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

    /// <summary>The orchestrator a registered name is a version of (<c>CellReview2</c> is <c>CellReview</c>); the name itself otherwise.</summary>
    public static string OrchestratorOf(string registered)
    {
        ArgumentNullException.ThrowIfNull(registered);
        return registered.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
    }

    /// <summary>The registered name of an orchestrator at a version.</summary>
    public static string Of(string orchestrator, string version)
    {
        ArgumentException.ThrowIfNullOrEmpty(orchestrator);
        ArgumentException.ThrowIfNullOrEmpty(version);
        return version == FirstVersion ? orchestrator : orchestrator + version;
    }
}
