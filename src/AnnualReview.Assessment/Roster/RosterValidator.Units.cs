using AnnualReview.Assessment.Model;

namespace AnnualReview.Assessment.Roster;

public static partial class RosterValidator
{
    /// <summary>
    /// Which kinds may sit directly above each kind. A cell may hang from a committee as well as from a grassroots
    /// organization because some committees keep cells of their own offices directly.
    /// </summary>
    private static readonly Dictionary<UnitKind, UnitKind[]> AllowedParents = new()
    {
        [UnitKind.OrganizationBoard] = [],
        [UnitKind.Committee] = [UnitKind.OrganizationBoard, UnitKind.Committee],
        [UnitKind.GrassrootsOrganization] = [UnitKind.Committee, UnitKind.OrganizationBoard],
        [UnitKind.Cell] = [UnitKind.GrassrootsOrganization, UnitKind.Committee],
    };

    /// <summary>Checks each unit row and the tree they form; returns the first row for each id.</summary>
    private static Dictionary<string, RosterRow<Unit>> CheckUnits(
        IReadOnlyList<RosterRow<Unit>> units,
        IReadOnlySet<string> unreadableUnitIds,
        List<RosterError> errors)
    {
        var byId = new Dictionary<string, RosterRow<Unit>>(units.Count, StringComparer.Ordinal);
        foreach (var row in units)
        {
            var (unit, position) = row;
            if (unit.Id.Length == 0)
            {
                errors.Add(ValidationErrors.MissingId(position));
            }
            else if (!byId.TryAdd(unit.Id, row))
            {
                errors.Add(ValidationErrors.DuplicateUnitId(position, unit.Id, byId[unit.Id].Position));
            }

            if (string.IsNullOrWhiteSpace(unit.Name))
            {
                errors.Add(ValidationErrors.MissingName(position, RosterColumns.Name));
            }

            CheckEmail(unit.Email, position, errors);
        }

        CheckRoot(units, errors);
        foreach (var (unit, position) in units)
        {
            CheckParent(unit, position, byId, unreadableUnitIds, errors);
        }

        CheckCycles(byId, errors);
        return byId;
    }

    private static void CheckRoot(IReadOnlyList<RosterRow<Unit>> units, List<RosterError> errors)
    {
        RosterRow<Unit>? root = null;
        foreach (var row in units)
        {
            if (row.Value.ParentId is not null)
            {
                continue;
            }

            if (root is null)
            {
                root = row;
                if (row.Value.Kind is not (UnitKind.OrganizationBoard or UnitKind.Committee))
                {
                    errors.Add(ValidationErrors.WrongRootKind(row.Position, row.Value.Id, row.Value.Kind));
                }
            }
            else
            {
                errors.Add(ValidationErrors.MultipleRoots(row.Position, row.Value.Id, root.Value.Id));
            }
        }

        if (root is null && units.Count > 0)
        {
            errors.Add(ValidationErrors.NoRoot());
        }
    }

    private static void CheckParent(
        Unit unit,
        RosterPosition position,
        Dictionary<string, RosterRow<Unit>> byId,
        IReadOnlySet<string> unreadableUnitIds,
        List<RosterError> errors)
    {
        if (unit.ParentId is not { } parentId)
        {
            return;
        }

        if (!byId.TryGetValue(parentId, out var parent))
        {
            if (!unreadableUnitIds.Contains(parentId))
            {
                errors.Add(ValidationErrors.UnknownParent(position, parentId));
            }

            return;
        }

        var allowed = AllowedParents[unit.Kind];
        if (!allowed.Contains(parent.Value.Kind))
        {
            var allowedText = allowed.Length == 0 ? "— (root only / chỉ là gốc)" : string.Join(", ", allowed);
            errors.Add(ValidationErrors.WrongParentKind(position, unit.Kind, parentId, parent.Value.Kind, allowedText));
        }
    }

    /// <summary>
    /// Follows parent links from every unit, colouring units as it goes, so each unit is walked once and each
    /// cycle is reported once, at its first row in the file.
    /// </summary>
    private static void CheckCycles(Dictionary<string, RosterRow<Unit>> byId, List<RosterError> errors)
    {
        var state = new Dictionary<string, bool>(byId.Count, StringComparer.Ordinal); // false: on the current walk; true: done
        var walk = new List<string>();
        foreach (var start in byId.Keys)
        {
            walk.Clear();
            string? id = start;
            while (id is not null && byId.TryGetValue(id, out var row) && !state.ContainsKey(id))
            {
                state[id] = false;
                walk.Add(id);
                id = row.Value.ParentId;
            }

            if (id is not null && state.TryGetValue(id, out var done) && !done)
            {
                var cycle = walk[walk.IndexOf(id)..];
                var first = cycle.MinBy(member => byId[member].Position.Index)!;
                var fromFirst = cycle[cycle.IndexOf(first)..].Concat(cycle[..cycle.IndexOf(first)]).Append(first).ToList();
                errors.Add(ValidationErrors.Cycle(byId[first].Position, fromFirst));
            }

            foreach (var walked in walk)
            {
                state[walked] = true;
            }
        }
    }
}
