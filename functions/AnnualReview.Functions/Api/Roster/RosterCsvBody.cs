namespace AnnualReview.Functions.Api.Roster;

/// <summary>
/// A roster as one <c>text/csv</c> body: the units table, one blank line, then the members table (each with its
/// header row). Line numbers in errors count from the top of the whole body.
/// </summary>
public sealed record RosterCsvBody(string Units, string Members, int MembersFirstLine)
{
    /// <summary>Splits at the first blank line after the units; null when there is no members table.</summary>
    public static RosterCsvBody? Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] lines = text.Split('\n');
        bool seenUnits = false;
        for (int i = 0; i < lines.Length; i++)
        {
            bool blank = lines[i].Trim().Length == 0;
            if (!blank)
            {
                seenUnits = true;
                continue;
            }

            if (seenUnits && lines.Skip(i + 1).Any(l => l.Trim().Length > 0))
            {
                return new RosterCsvBody(
                    string.Join('\n', lines.Take(i)),
                    string.Join('\n', lines.Skip(i + 1)),
                    i + 2);
            }
        }

        return null;
    }
}
