using AnnualReview.Assessment.Model;
using AnnualReview.Functions.Security;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Development;

/// <summary>
/// Picks one person of each kind from the stored roster: the board at the root, the first committee under it, a
/// cell under that committee, the cell's secretary (its first member) and another member of it, an auditor at
/// the root and an admin. With no roster yet there is only the admin.
/// </summary>
public sealed class Personas(RosterStore roster)
{
    public async Task<IReadOnlyList<Persona>> ListAsync(CancellationToken cancellation)
    {
        var personas = new List<Persona>();
        Unit? root = await RootAsync(cancellation);
        if (root is not null)
        {
            personas.Add(new Persona("board", "Ban Tổ chức", $"Organization board of {root.Name}", [AppRoles.OrganizationBoard], root.Id, null));
            Unit? committee = (await roster.GetChildrenAsync(root.Id, cancellation)).Where(u => u.Kind == UnitKind.Committee).OrderBy(u => u.Id, StringComparer.Ordinal).FirstOrDefault();
            if (committee is not null)
            {
                personas.Add(new Persona("committee", "Cấp ủy", $"Committee of {committee.Name}", [AppRoles.Committee], committee.Id, null));
                if (await FirstCellAsync(committee, cancellation) is { } cell)
                {
                    List<Member> members = [.. (await roster.GetCellMembersAsync(cell.Id, cancellation)).OrderBy(m => m.Id, StringComparer.Ordinal)];
                    if (members.Count > 0)
                    {
                        personas.Add(new Persona("secretary", members[0].FullName, $"Secretary of {cell.Name}", [AppRoles.CellSecretary, AppRoles.Member], cell.Id, members[0].Id));
                    }

                    if (members.Count > 1)
                    {
                        personas.Add(new Persona("member", members[1].FullName, $"Member of {cell.Name}", [AppRoles.Member], cell.Id, members[1].Id));
                    }
                }
            }

            personas.Add(new Persona("auditor", "Kiểm tra", $"Auditor of {root.Name}", [AppRoles.Auditor], root.Id, null));
        }

        personas.Add(new Persona("admin", "Quản trị", "Operates the service: the whole tree", [AppRoles.Admin], root?.Id, null));
        return personas;
    }

    private async Task<Unit?> RootAsync(CancellationToken cancellation)
        => (await roster.GetChildrenAsync(RosterStore.RootParent, cancellation)).OrderBy(u => u.Id, StringComparer.Ordinal).FirstOrDefault();

    private async Task<Unit?> FirstCellAsync(Unit under, CancellationToken cancellation)
    {
        Unit current = under;
        for (int depth = 0; depth < 8; depth++)
        {
            List<Unit> children = [.. (await roster.GetChildrenAsync(current.Id, cancellation)).OrderBy(u => u.Id, StringComparer.Ordinal)];
            if (children.FirstOrDefault(c => c.Kind == UnitKind.Cell) is { } cell)
            {
                return cell;
            }

            if (children.Count == 0)
            {
                return null;
            }

            current = children[0];
        }

        return null;
    }
}
