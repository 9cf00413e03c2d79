using System.Security.Claims;
using AnnualReview.Assessment.Model;
using AnnualReview.Functions.Security;
using AnnualReview.Workflows.Storage;
using Microsoft.AspNetCore.Authentication;

namespace AnnualReview.Functions.Web;

/// <summary>
/// Sign-in and sign-out. In Development (or with <c>Web:PersonaPicker</c>) a persona picker signs in as anyone on
/// the roster in any role; with <c>Web:Entra:ClientId</c> set, people sign in with Microsoft Entra ID (<see cref="EntraSignIn"/>).
/// </summary>
public static class SignInPages
{
    private const int MaxUnits = 60;
    private const int MaxMembers = 40;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(WebUi.Root, (Func<HttpContext, Task<IResult>>)Home);
        app.MapGet(WebUi.Root + "/sign-in", ShowAsync);
        app.MapPost(WebUi.Root + "/sign-in", (Func<HttpContext, Task<IResult>>)SignInAsync);
        app.MapGet(WebUi.Root + "/sign-in/entra", (string? back) => EntraSignIn.Challenge(back));
        app.MapPost(WebUi.Root + "/sign-out", (Func<HttpContext, Task<IResult>>)SignOutAsync);
    }

    private static async Task<IResult> Home(HttpContext http)
    {
        WebRequest? request = await WebRequest.SignedInAsync(http);
        if (request is null)
        {
            return Results.Redirect(WebUi.Root + "/sign-in");
        }

        Caller caller = request.Caller;
        string home = caller.IsAny(AppRoles.OrganizationBoard, AppRoles.Committee, AppRoles.Admin) ? "/cycles"
            : caller.Is(AppRoles.CellSecretary) ? "/meeting"
            : caller.Is(AppRoles.Auditor) ? "/audit"
            : caller.MemberId is not null ? "/review"
            : "/inbox";
        return Results.Redirect(WebUi.Root + home);
    }

    private static async Task<IResult> ShowAsync(HttpContext http, string? back)
    {
        WebRequest request = WebRequest.Anonymous(http);
        Raw entra = http.RequestServices.GetService<EntraWebSettings>() is null ? Raw.Empty : Html.Of($"""
            <p><a class="button" id="entra-sign-in" href="{WebUi.Root}/sign-in/entra?back={Uri.EscapeDataString(back ?? "")}">{request.T("Đăng nhập bằng tài khoản Microsoft Entra ID", "Sign in with Microsoft Entra ID")}</a></p>
            """);
        if (!request.Settings.PersonaPicker)
        {
            return Layout.Render(request, request.T("Đăng nhập", "Sign in"), entra.Markup.Length > 0 ? entra : Html.Of($"""
                <p>{request.T("Chưa cấu hình đăng nhập bằng Microsoft Entra ID cho trang web (Web:Entra:ClientId).", "Web sign-in with Microsoft Entra ID is not configured (Web:Entra:ClientId).")}</p>
                """));
        }

        RosterStore roster = request.Service<RosterStore>();
        List<Unit> units = await WalkAsync(roster, request.Cancellation);
        var members = new List<Member>();
        foreach (Unit cell in units.Where(u => u.Kind == UnitKind.Cell).Take(3))
        {
            members.AddRange((await roster.GetCellMembersAsync(cell.Id, request.Cancellation)).OrderBy(m => m.Id, StringComparer.Ordinal));
        }

        var body = new Html().Add(entra);
        body.Add($"<p class=\"notice\">{request.T("Môi trường phát triển: chọn một người trong danh sách đảng viên để đăng nhập với vai trò đó.", "Development: pick a person from the roster to sign in in that role.")}</p>");
        if (units.Count == 0)
        {
            body.Add($"<p class=\"warning\">{request.T("Chưa có danh sách đảng viên. Hãy nhập danh sách trước.", "No roster yet. Import a roster first.")}</p>");
        }

        // Grouped under the unit above each one, and a name shared by two units carries its parent's, so nobody picks the wrong one.
        var byId = units.ToDictionary(u => u.Id, StringComparer.Ordinal);
        string Parent(Unit u) => u.ParentId is { } p && byId.TryGetValue(p, out Unit? parent) ? parent.Name : request.T("Cấp cao nhất", "Top level");
        PersonaChoice ForUnit(string role, Unit u) => Persona(role, u, Parent(u));
        Section(body, request, back, request.T("Ban tổ chức", "Organization board"), units.Where(u => u.Kind == UnitKind.OrganizationBoard).Select(u => ForUnit(AppRoles.OrganizationBoard, u)));
        Section(body, request, back, request.T("Cấp ủy", "Committee"), units.Where(u => u.Kind is UnitKind.Committee or UnitKind.GrassrootsOrganization).Select(u => ForUnit(AppRoles.Committee, u)));
        Section(body, request, back, request.T("Bí thư chi bộ", "Cell secretary"), units.Where(u => u.Kind == UnitKind.Cell).Select(u => ForUnit(AppRoles.CellSecretary, u)));
        Section(body, request, back, request.T("Đảng viên", "Member"), members.Take(MaxMembers).Select(m => new PersonaChoice(AppRoles.Member, m.CellId, m.Id, m.Id, m.FullName, byId.TryGetValue(m.CellId, out Unit? cell) ? cell.Name : m.CellId)));
        Section(body, request, back, request.T("Kiểm tra", "Auditor"), units.Where(u => u.ParentId is null).Select(u => ForUnit(AppRoles.Auditor, u)));
        return Layout.Render(request, request.T("Đăng nhập", "Sign in"), body.ToRaw());
    }

    private static async Task<IResult> SignInAsync(HttpContext http)
    {
        WebRequest request = WebRequest.Anonymous(http);
        if (!request.Settings.PersonaPicker)
        {
            return Results.NotFound();
        }

        if (!await request.ValidFormAsync())
        {
            return Results.Redirect(WebUi.Root + "/sign-in");
        }

        IFormCollection form = await http.Request.ReadFormAsync(request.Cancellation);
        string role = form["role"].ToString();
        string unit = form["unit"].ToString();
        string member = form["member"].ToString();
        string subject = form["subject"].ToString();
        string name = form["name"].ToString();
        if (!AppRoles.All.Contains(role, StringComparer.Ordinal) || subject.Length == 0)
        {
            return Results.Redirect(WebUi.Root + "/sign-in");
        }

        var claims = new List<Claim> { new(AppClaims.Subject, subject), new(AppClaims.Name, name.Length > 0 ? name : subject), new(AppClaims.Roles, role) };
        if (unit.Length > 0)
        {
            claims.Add(new Claim(AppClaims.Unit, unit));
        }

        if (member.Length > 0)
        {
            claims.Add(new Claim(AppClaims.Member, member));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, WebUi.Scheme, AppClaims.Name, AppClaims.Roles));
        await http.SignInAsync(WebUi.Scheme, principal);
        return Results.Redirect(LanguageToggle.LocalOrHome(form["back"].ToString()));
    }

    private static async Task<IResult> SignOutAsync(HttpContext http)
    {
        WebRequest? request = await WebRequest.SignedInAsync(http);
        if (request is not null && await request.ValidFormAsync())
        {
            await http.SignOutAsync(WebUi.Scheme);
        }

        return Results.Redirect(WebUi.Root + "/sign-in");
    }

    private sealed record PersonaChoice(string Role, string? Unit, string? Member, string Subject, string Name, string Group);

    private static PersonaChoice Persona(string role, Unit unit, string group) => new(role, unit.Id, null, $"{role.ToLowerInvariant()}@{unit.Id}", unit.Name, group);

    private static void Section(Html body, WebRequest request, string? back, string heading, IEnumerable<PersonaChoice> choices)
    {
        var list = choices.ToList();
        if (list.Count == 0)
        {
            return;
        }

        var shared = list.GroupBy(p => p.Name, StringComparer.CurrentCulture).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.CurrentCulture);
        body.Add($"<section><h2>{heading}</h2>");
        foreach (IGrouping<string, PersonaChoice> group in list.GroupBy(p => p.Group, StringComparer.CurrentCulture))
        {
            body.Add($"<h3 class=\"persona-group\">{group.Key}</h3><div class=\"persona-list\">");
            foreach (PersonaChoice p in group)
            {
                string label = shared.Contains(p.Name) ? $"{p.Name} ({p.Group})" : p.Name;
                body.Add($"""
                    <form method="post" action="{WebUi.Root}/sign-in" class="persona">{request.Antiforgery()}
                    <input type="hidden" name="role" value="{p.Role}"><input type="hidden" name="unit" value="{p.Unit}"><input type="hidden" name="member" value="{p.Member}">
                    <input type="hidden" name="subject" value="{p.Subject}"><input type="hidden" name="name" value="{p.Name}"><input type="hidden" name="back" value="{back}">
                    <button type="submit" class="secondary" data-persona="{p.Role}:{p.Member ?? p.Unit}">{request.Role(p.Role)} · {label}</button>
                    </form>
                    """);
            }

            body.Add($"</div>");
        }

        body.Add($"</section>");
    }

    /// <summary>The top of the tree, breadth first, so a large roster still offers every kind of unit.</summary>
    private static async Task<List<Unit>> WalkAsync(RosterStore roster, CancellationToken cancellation)
    {
        var found = new List<Unit>();
        var queue = new Queue<Unit>(await roster.GetChildrenAsync(RosterStore.RootParent, cancellation));
        var cells = 0;
        while (queue.Count > 0 && found.Count < MaxUnits)
        {
            Unit unit = queue.Dequeue();
            if (unit.Kind == UnitKind.Cell && ++cells > 10)
            {
                continue;
            }

            found.Add(unit);
            foreach (Unit child in (await roster.GetChildrenAsync(unit.Id, cancellation)).OrderBy(u => u.Id, StringComparer.Ordinal))
            {
                queue.Enqueue(child);
            }
        }

        return found;
    }
}
