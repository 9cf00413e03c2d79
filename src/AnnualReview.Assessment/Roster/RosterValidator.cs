using System.Text.RegularExpressions;
using AnnualReview.Assessment.Model;

namespace AnnualReview.Assessment.Roster;

/// <summary>
/// Checks a whole roster (kiểm tra danh sách) and returns every error at once, never only the first: the board
/// fixes an export in one pass instead of one error per upload. An empty list means the roster can be imported.
/// </summary>
public static partial class RosterValidator
{
    /// <summary>Validates rosters built in code; positions are the list indexes ("members[17]").</summary>
    public static IReadOnlyList<RosterError> Validate(IReadOnlyList<Unit> units, IReadOnlyList<Member> members, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(members);
        return Validate(
            [.. units.Select((unit, i) => new RosterRow<Unit>(unit, new RosterPosition(RosterSourceFormat.None, "units", i, null)))],
            [.. members.Select((member, i) => new RosterRow<Member>(member, new RosterPosition(RosterSourceFormat.None, "members", i, null)))],
            today);
    }

    /// <summary>
    /// Validates parsed rows, reporting each error at the row's line. Units named in <paramref name="unreadableUnitIds"/>
    /// had their own parse error; references to them are not reported again.
    /// </summary>
    /// <param name="units">The unit rows, in file order.</param>
    /// <param name="members">The member rows, in file order.</param>
    /// <param name="today">The import date: admission dates after it are errors.</param>
    /// <param name="unreadableUnitIds">Ids of unit rows that failed to parse; may be null.</param>
    public static IReadOnlyList<RosterError> Validate(
        IReadOnlyList<RosterRow<Unit>> units,
        IReadOnlyList<RosterRow<Member>> members,
        DateOnly today,
        IReadOnlySet<string>? unreadableUnitIds = null)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(members);
        var unreadable = unreadableUnitIds ?? new HashSet<string>(StringComparer.Ordinal);
        var errors = new List<RosterError>();
        var unitsById = CheckUnits(units, unreadable, errors);
        CheckMembers(members, unitsById, unreadable, today, errors);

        // Errors about the roster as a whole first, then units, then members, each in file order.
        return
        [
            .. errors
                .OrderBy(e => e.Position is null ? 0 : e.Position.Value.Collection == "units" ? 1 : 2)
                .ThenBy(e => e.Position?.Index ?? -1),
        ];
    }

    private static void CheckMembers(
        IReadOnlyList<RosterRow<Member>> members,
        Dictionary<string, RosterRow<Unit>> unitsById,
        IReadOnlySet<string> unreadableUnitIds,
        DateOnly today,
        List<RosterError> errors)
    {
        var seen = new Dictionary<string, RosterPosition>(members.Count, StringComparer.Ordinal);
        foreach (var (member, position) in members)
        {
            if (member.Id.Length == 0)
            {
                errors.Add(ValidationErrors.MissingId(position));
            }
            else if (!seen.TryAdd(member.Id, position))
            {
                errors.Add(ValidationErrors.DuplicateMemberId(position, member.Id, seen[member.Id]));
            }

            if (string.IsNullOrWhiteSpace(member.FullName))
            {
                errors.Add(ValidationErrors.MissingName(position, RosterColumns.FullName));
            }

            if (unitsById.TryGetValue(member.CellId, out var cell))
            {
                if (cell.Value.Kind != UnitKind.Cell)
                {
                    errors.Add(ValidationErrors.NotACell(position, member.CellId, cell.Value.Kind));
                }
            }
            else if (!unreadableUnitIds.Contains(member.CellId))
            {
                errors.Add(ValidationErrors.UnknownCell(position, member.CellId));
            }

            if (member.AdmittedOn > today)
            {
                errors.Add(ValidationErrors.AdmittedInFuture(position, member.AdmittedOn, today));
            }

            // A probationary member admitted long ago is only data here: whether they were made full members
            // on time is the cell's business, not the import's.
            if (member.LeaveMonths is < 0 or > 12)
            {
                errors.Add(ValidationErrors.LeaveMonthsOutOfRange(position, member.LeaveMonths));
            }

            CheckEmail(member.Email, position, errors);
        }
    }

    private static void CheckEmail(string? email, RosterPosition position, List<RosterError> errors)
    {
        if (email is not null && !EmailShape().IsMatch(email))
        {
            errors.Add(ValidationErrors.BadEmail(position, email));
        }
    }

    /// <summary>Deliberately plain: one @, no spaces, a dot in the domain. Delivery is the real test.</summary>
    [GeneratedRegex(@"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailShape();
}
