namespace AnnualReview.Assessment.Roster;

/// <summary>
/// The stable codes of roster errors. Programs and translations key on these; never rename one, add a new one.
/// </summary>
public static class RosterErrorCodes
{
    public const string EmptyFile = "roster.empty-file";
    public const string MissingColumn = "roster.missing-column";
    public const string UnknownColumn = "roster.unknown-column";
    public const string DuplicateColumn = "roster.duplicate-column";
    public const string ColumnCount = "roster.column-count";
    public const string UnclosedQuote = "roster.unclosed-quote";
    public const string MalformedJson = "roster.malformed-json";
    public const string InvalidValue = "roster.invalid-value";
    public const string InvalidDate = "roster.invalid-date";

    public const string MissingId = "roster.missing-id";
    public const string MissingName = "roster.missing-name";
    public const string DuplicateUnitId = "roster.duplicate-unit-id";
    public const string DuplicateMemberId = "roster.duplicate-member-id";
    public const string NoRoot = "roster.no-root";
    public const string MultipleRoots = "roster.multiple-roots";
    public const string WrongRootKind = "roster.wrong-root-kind";
    public const string UnknownParent = "roster.unknown-parent";
    public const string WrongParentKind = "roster.wrong-parent-kind";
    public const string Cycle = "roster.cycle";
    public const string UnknownCell = "roster.unknown-cell";
    public const string NotACell = "roster.not-a-cell";
    public const string AdmittedInFuture = "roster.admitted-in-future";
    public const string BadEmail = "roster.bad-email";
    public const string LeaveMonthsOutOfRange = "roster.leave-months-out-of-range";
}
