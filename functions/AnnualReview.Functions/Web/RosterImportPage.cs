using System.Text;
using AnnualReview.Functions.Api.Roster;
using AnnualReview.Functions.Security;
using AnnualReview.Functions.Steps;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Web;

/// <summary>
/// The board imports its roster (nhập danh sách đảng viên): a CSV or JSON file as the API takes it, or the same text
/// pasted. The import is all or nothing; a refused one lists each line and field in words and keeps the text to fix.
/// </summary>
public static class RosterImportPage
{
    private static readonly string[] Importers = [AppRoles.OrganizationBoard];

    /// <summary>The largest roster a page takes (a city of 150,000 members is about 20 MB of CSV).</summary>
    private const long MaxBytes = 32 * 1024 * 1024;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPage("GET", WebUi.Root + "/roster/import", Importers, r => Task.FromResult(Show(r, "", null, null, [])));
        app.MapPage("POST", WebUi.Root + "/roster/import", Importers, ImportAsync);
    }

    private static async Task<IResult> ImportAsync(WebRequest r)
    {
        IFormCollection form = await r.Http.Request.ReadFormAsync(r.Cancellation);
        string text = form["text"].ToString();
        string? fileName = null;
        if (form.Files.GetFile("file") is { Length: > 0 and <= MaxBytes } file)
        {
            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            text = await reader.ReadToEndAsync(r.Cancellation);
            fileName = file.FileName;
        }

        // The API tells the two apart by Content-Type; a page by the file's name, else by the text itself.
        bool csv = fileName is not null ? !fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) : !text.TrimStart().StartsWith('{');
        RosterImportOutcome outcome = await r.Service<RosterImportStep>().ImportAsync(r.Caller, text, csv, r.Cancellation);
        return outcome.Refusal is null
            ? Show(r, "", await ReportAsync(r, outcome.Imported!), null, [])
            : Show(r, text, null, outcome.Refusal, outcome.Lines);
    }

    private static IResult Show(WebRequest r, string text, Raw? report, StepRefusal? refusal, IReadOnlyList<RosterLineProblem> lines)
    {
        var body = new Html();
        if (report is { } done)
        {
            body.Add(done);
        }

        if (refusal is not null)
        {
            body.Add($"<div class=\"warning\" role=\"alert\" id=\"refused\" data-problem=\"{refusal.Kind.Slug}\"><p><strong>{r.T("Chưa nhập gì", "Nothing was imported")}</strong>: {(lines.Count > 0 ? r.T($"danh sách có {lines.Count} lỗi; sửa rồi nhập lại.", $"the roster has {lines.Count} error(s); fix them and import again.") : refusal.Sentence(r.English))}</p>");
            if (lines.Count > 0)
            {
                body.Add($"<ul id=\"refused-lines\">");
                foreach (RosterLineProblem line in lines.Take(200))
                {
                    string where = line.Line is { } n ? r.T($"Dòng {n}", $"Line {n}") : r.T("Cả danh sách", "Whole roster");
                    string field = line.Field.Length > 0 ? $" · {line.Field}" : "";
                    body.Add($"<li data-line=\"{line.Line}\" data-field=\"{line.Field}\"><strong>{where}{field}</strong>: {(r.English ? line.MessageEn : line.MessageVi)}</li>");
                }

                body.Add($"</ul>");
            }

            body.Add($"</div>");
        }

        body.Add($"""
            <p>{r.T("Nhập cả cây từ đơn vị của bạn: bảng đơn vị, một dòng trống, rồi bảng đảng viên (CSV), hoặc tệp JSON như API nhận. Có lỗi ở bất kỳ dòng nào thì không nhập gì; nhập lại danh sách đã có chỉ ghi những thay đổi.", "Import the whole tree from your unit: the units table, a blank line, then the members table (CSV), or a JSON file as the API takes it. An error on any line imports nothing; importing a roster again records only what changed.")}</p>
            <form method="post" action="{WebUi.Root}/roster/import" enctype="multipart/form-data" id="import-form">{r.Antiforgery()}
            <p><label for="file">{r.T("Tệp danh sách (CSV hoặc JSON)", "Roster file (CSV or JSON)")}</label><br><input type="file" id="file" name="file" accept=".csv,.json,text/csv,application/json"></p>
            <p><label for="text">{r.T("Hoặc dán nội dung danh sách", "Or paste the roster")}</label><br><textarea id="text" name="text" rows="10" spellcheck="false">{text}</textarea></p>
            <p><button type="submit" id="import">{r.T("Nhập danh sách", "Import the roster")}</button></p>
            </form>
            """);
        return Layout.Render(r, r.T("Nhập danh sách đảng viên", "Import the roster"), body.ToRaw(), refusal is null ? StatusCodes.Status200OK : refusal.Kind.Status);
    }

    /// <summary>The import's report in words, people by name.</summary>
    private static async Task<Raw> ReportAsync(WebRequest r, RosterImportResponse done)
    {
        var body = new Html().Add($"<div class=\"notice\" role=\"status\" id=\"import-report\" data-changed=\"{(done.Changed ? "true" : "false")}\">");
        if (!done.Changed)
        {
            return body.Add($"<p><strong>{r.T("Đã nhập", "Imported")}</strong>: {r.T("danh sách không có gì thay đổi so với lần nhập trước.", "nothing changed since the last import.")}</p></div>").ToRaw();
        }

        var parts = new List<string>();
        void Count(int n, string vi, string en)
        {
            if (n > 0)
            {
                parts.Add($"{n} {r.T(vi, en)}");
            }
        }

        Count(done.UnitsAdded, "đơn vị mới", "units added");
        Count(done.UnitsChanged, "đơn vị thay đổi", "units changed");
        Count(done.UnitsRemoved, "đơn vị bỏ đi", "units removed");
        Count(done.MembersAdded, "đảng viên mới", "members added");
        Count(done.MembersChanged, "đảng viên thay đổi thông tin", "members changed");
        Count(done.MembersMoved, "đảng viên chuyển chi bộ", "members moved cells");
        Count(done.MembersRemoved, "đảng viên ra khỏi danh sách", "members removed");
        body.Add($"<p><strong>{r.T("Đã nhập danh sách", "The roster was imported")}</strong>: {string.Join(", ", parts)}.</p>");
        if (done.Moves.Count > 0)
        {
            RosterStore roster = r.Service<RosterStore>();
            body.Add($"<ul id=\"moves\">");
            foreach (var move in done.Moves.Take(50))
            {
                string name = (await roster.GetMemberAsync(move.MemberId, r.Cancellation))?.FullName ?? move.MemberId;
                string from = (await roster.GetUnitAsync(move.FromCellId, r.Cancellation))?.Name ?? move.FromCellId;
                string to = (await roster.GetUnitAsync(move.ToCellId, r.Cancellation))?.Name ?? move.ToCellId;
                body.Add($"<li>{name}: {from} → {to}</li>");
            }

            body.Add($"</ul>");
        }

        return body.Add($"<p><a href=\"{WebUi.Root}/cycles/new\">{r.T("Bắt đầu đợt kiểm điểm", "Start a cycle")}</a></p></div>").ToRaw();
    }
}
