using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using AnnualReview.Functions.Api.Audit;
using AnnualReview.Functions.Security;
using AnnualReview.TaskHub.History;
using AnnualReview.TaskHub.Sealing;
using AnnualReview.Workflows;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Web;

/// <summary>
/// The auditor's view of the engine's histories: a cycle's instances, one instance's timeline (time, type, actor,
/// payload, and the event in plain words), filters, the hash-chain verification stated plainly, and the export of a
/// cycle's history with its hash manifest. Read-only: nothing here changes anything.
/// </summary>
public static class AuditPages
{
    private static readonly string[] Readers = [AppRoles.Auditor, AppRoles.OrganizationBoard, AppRoles.Committee];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPage("GET", WebUi.Root + "/audit", Readers, ListAsync);
        app.MapPage("GET", WebUi.Root + "/audit/instance", Readers, InstanceAsync);
        app.MapPage("GET", WebUi.Root + "/audit/export", Readers, ExportAsync);
    }

    /// <summary>The unit an instance belongs to, for the subtree check: unit instances name it, a cycle's is its root, a re-rating's is the member's cell.</summary>
    private static async Task<string?> UnitOfAsync(WebRequest r, string instanceId)
    {
        string[] parts = instanceId.Split('~');
        if (parts.Length >= 2 && parts[0] == "rerate")
        {
            return (await r.Service<RosterStore>().GetMemberAsync(parts[1], r.Cancellation))?.CellId;
        }

        if (parts.Length == 2)
        {
            return parts[1];
        }

        return (await r.Service<CycleDirectory>().GetAsync(instanceId, r.Cancellation))?.Input.RootUnitId;
    }

    private static async Task<bool> MayReadAsync(WebRequest r, string instanceId)
        => await UnitOfAsync(r, instanceId) is { } unit && await r.CoversAsync(unit);

    private static async Task<List<OrchestrationMetadata>> InstancesAsync(WebRequest r, string cycleId)
    {
        var list = new List<OrchestrationMetadata>();
        var query = new OrchestrationQuery { InstanceIdPrefix = cycleId, PageSize = 500 };
        await foreach (OrchestrationMetadata instance in r.Service<DurableTaskClient>().GetAllInstancesAsync(query).WithCancellation(r.Cancellation))
        {
            bool ofCycle = instance.InstanceId == cycleId || instance.InstanceId.StartsWith(cycleId + "~", StringComparison.Ordinal);
            if (ofCycle && await MayReadAsync(r, instance.InstanceId))
            {
                list.Add(instance);
            }
        }

        return list;
    }

    private static async Task<IResult> ListAsync(WebRequest r)
    {
        var body = new Html();
        string? cycleId = r.Query("cycle");
        List<CycleSummary> cycles = await r.Service<CycleDirectory>().ConcerningAsync(r.Caller, r.Caller.UnitId, r.Cancellation);
        body.Add($"<form method=\"get\" action=\"{WebUi.Root}/audit\" class=\"filters\"><label for=\"cycle\">{r.T("Đợt", "Cycle")}</label><select id=\"cycle\" name=\"cycle\">");
        RosterStore roster = r.Service<RosterStore>();
        foreach (CycleSummary c in cycles)
        {
            string label = Labels.Cycle(r, c.Input.Year, (await roster.GetUnitAsync(c.Input.RootUnitId, r.Cancellation))?.Name);
            body.Add(c.CycleId == cycleId ? Html.Of($"<option value=\"{c.CycleId}\" selected>{label}</option>") : Html.Of($"<option value=\"{c.CycleId}\">{label}</option>"));
        }

        string text = r.Query("q") ?? "";
        string status = r.Query("status") ?? "";
        body.Add($"</select><label for=\"q\">{r.T("Mã chứa", "Id contains")}</label><input id=\"q\" name=\"q\" value=\"{text}\"><label for=\"status\">{r.T("Trạng thái", "Status")}</label><select id=\"status\" name=\"status\"><option value=\"\">{r.T("Tất cả", "All")}</option>");
        foreach (OrchestrationRuntimeStatus s in Enum.GetValues<OrchestrationRuntimeStatus>())
        {
            body.Add(s.ToString() == status ? Html.Of($"<option value=\"{s}\" selected>{Labels.Status(r, s)}</option>") : Html.Of($"<option value=\"{s}\">{Labels.Status(r, s)}</option>"));
        }

        body.Add($"</select> <button type=\"submit\">{r.T("Xem", "Show")}</button></form>");
        if (cycleId is null)
        {
            return Layout.Render(r, r.T("Lịch sử và kiểm tra", "History and audit"), body.ToRaw());
        }

        if (!cycles.Exists(c => c.CycleId == cycleId))
        {
            return WebPage.Forbidden(r);
        }

        var instances = (await InstancesAsync(r, cycleId))
            .Where(i => text.Length == 0 || i.InstanceId.Contains(text, StringComparison.OrdinalIgnoreCase))
            .Where(i => status.Length == 0 || i.RuntimeStatus.ToString() == status)
            .OrderBy(i => i.InstanceId, StringComparer.Ordinal).ToList();
        body.Add($"<p><a class=\"button\" id=\"export\" href=\"{WebUi.Root}/audit/export?cycle={Uri.EscapeDataString(cycleId)}\">{r.T("Xuất lịch sử của đợt (kèm bảng băm)", "Export the cycle's history (with hash manifest)")}</a></p>");
        body.Add($"<div class=\"table-wrap\"><table id=\"instances\"><thead><tr><th>{r.T("Mã", "Instance")}</th><th>{r.T("Loại", "Name")}</th><th>{r.T("Trạng thái", "Status")}</th><th>{r.T("Tạo lúc", "Created")}</th><th>{r.T("Cập nhật", "Updated")}</th></tr></thead><tbody>");
        foreach (OrchestrationMetadata i in instances)
        {
            string label = AuditWords.UnitOf(i.InstanceId) is { } unit ? (await r.Service<RosterStore>().GetUnitAsync(unit, r.Cancellation))?.Name ?? unit : AuditWords.Orchestrator(r, i.Name);
            body.Add($"<tr><td><a href=\"{WebUi.Root}/audit/instance?id={Uri.EscapeDataString(i.InstanceId)}\" title=\"{i.InstanceId}\">{label}</a></td><td>{AuditWords.Orchestrator(r, i.Name)}</td><td>{Labels.Status(r, i.RuntimeStatus)}</td><td>{r.Time(i.CreatedAt.UtcDateTime)}</td><td>{r.Time(i.LastUpdatedAt.UtcDateTime)}</td></tr>");
        }

        body.Add($"</tbody></table></div>");
        return Layout.Render(r, r.T("Lịch sử và kiểm tra", "History and audit"), body.ToRaw());
    }

    private static async Task<IResult> InstanceAsync(WebRequest r)
    {
        string? id = r.Query("id");
        if (id is null || !await MayReadAsync(r, id))
        {
            return WebPage.Forbidden(r);
        }

        var client = r.Service<DurableTaskClient>();
        OrchestrationMetadata? instance = await client.GetInstanceAsync(id, true, r.Cancellation);
        if (instance is null)
        {
            return WebPage.NotFound(r, r.T("Không có bản ghi này.", "There is no such instance."));
        }

        VerifiedHistory history = await r.Service<HistoryVerifier>().ReadAndVerifyAsync(id, r.Cancellation);
        AuditWords words = await AuditWords.ForAsync(r, history.Events, id);
        string unitName = AuditWords.UnitOf(id) is { } unitId ? words.Name(unitId) : AuditWords.Orchestrator(r, instance.Name);
        var body = new Html();
        body.Add($"""
            <dl id="instance" class="task">
            <dt>{r.T("Đơn vị", "Unit")}</dt><dd title="{instance.InstanceId}">{unitName}</dd>
            <dt>{r.T("Loại", "Name")}</dt><dd title="{instance.Name}">{AuditWords.Orchestrator(r, instance.Name)}</dd>
            <dt>{r.T("Trạng thái", "Status")}</dt><dd>{Labels.Status(r, instance.RuntimeStatus)}</dd>
            <dt>{r.T("Tạo lúc", "Created")}</dt><dd>{r.Time(instance.CreatedAt.UtcDateTime)}</dd>
            <dt>{r.T("Cập nhật", "Updated")}</dt><dd>{r.Time(instance.LastUpdatedAt.UtcDateTime)}</dd>
            """);
        if (history.Events.FirstOrDefault(e => e.EventType == "ExecutionStarted")?.RelatedInstanceId is { } parent)
        {
            string parentName = AuditWords.UnitOf(parent) is { } parentUnit ? (await r.Service<RosterStore>().GetUnitAsync(parentUnit, r.Cancellation))?.Name ?? parentUnit : r.T("Đợt kiểm điểm", "The cycle");
            body.Add($"<dt>{r.T("Thuộc", "Parent")}</dt><dd><a href=\"{WebUi.Root}/audit/instance?id={Uri.EscapeDataString(parent)}\" title=\"{parent}\">{parentName}</a></dd>");
        }

        body.Add($"<dt>{r.T("Tình hình", "State")}</dt><dd>").Add(AuditWords.Status(r, instance.SerializedCustomStatus)).Add($"</dd></dl>");
        body.Add(Verification(r, history.Verification));

        string type = r.Query("type") ?? "";
        string text = r.Query("q") ?? "";
        body.Add($"<form method=\"get\" action=\"{WebUi.Root}/audit/instance\" class=\"filters\"><input type=\"hidden\" name=\"id\" value=\"{id}\"><label for=\"type\">{r.T("Loại sự kiện", "Event type")}</label><select id=\"type\" name=\"type\"><option value=\"\">{r.T("Tất cả", "All")}</option>");
        foreach (string t in history.Events.Select(e => e.EventType).Distinct().Order(StringComparer.Ordinal))
        {
            body.Add(t == type ? Html.Of($"<option value=\"{t}\" selected>{AuditWords.TypeName(r, t)}</option>") : Html.Of($"<option value=\"{t}\">{AuditWords.TypeName(r, t)}</option>"));
        }

        body.Add($"</select><label for=\"q\">{r.T("Có chứa", "Contains")}</label><input id=\"q\" name=\"q\" value=\"{text}\"> <button type=\"submit\">{r.T("Lọc", "Filter")}</button></form>");
        body.Add($"<div class=\"table-wrap\"><table id=\"timeline\"><thead><tr><th>{r.T("Thứ tự", "Seq")}</th><th>{r.T("Thời gian", "Time")}</th><th class=\"raw\">{r.T("Loại", "Type")}</th><th class=\"raw\">{r.T("Tên", "Name")}</th><th>{r.T("Người làm", "Actor")}</th><th>{r.T("Diễn giải", "In words")}</th><th class=\"raw\">{r.T("Dữ liệu", "Payload")}</th></tr></thead><tbody>");
        foreach (HistoryRecord e in history.Events)
        {
            bool broken = history.Verification.FirstBrokenSeq == e.Seq;
            string payload = e.Payload ?? "";
            if ((type.Length > 0 && e.EventType != type) || (text.Length > 0 && !(payload + e.Name).Contains(text, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            body.Add($"<tr data-seq=\"{e.Seq}\"{(broken ? new Raw(" class=\"broken-row\"") : Raw.Empty)}><td>{e.Seq}{(broken ? " ⚠" : "")}</td><td>{r.Moment(e.Timestamp)}</td><td class=\"raw\" title=\"{e.EventType}\">{AuditWords.TypeName(r, e.EventType)}</td><td class=\"raw\">{LinkedName(e)}</td><td>{(e is { EventType: "EventRaised", Payload: { } p } && AuditWords.Actor(p) is { } actor ? words.Name(actor) : "")}</td><td>{words.Of(e)}</td><td class=\"raw\">");
            body.Add(payload.Length == 0 ? Raw.Empty : Html.Of($"<details class=\"raw\"><summary>{r.T("xem", "show")} ({payload.Length})</summary><pre>{payload}</pre></details>"));
            body.Add($"</td></tr>");
        }

        body.Add($"</tbody></table></div>");
        return Layout.Render(r, r.T("Dòng thời gian", "Timeline") + " · " + unitName, body.ToRaw());
    }

    private static Raw Verification(WebRequest r, HistoryVerification v) => v.IsIntact
        ? Html.Of($"<p class=\"intact notice\" id=\"verification\" data-intact=\"true\">✔ {r.T("Nguyên vẹn", "Intact")}: {v.SealedCount} {r.T("trong", "of")} {v.EventCount} {r.T("sự kiện đã niêm phong, khớp với dấu niêm phong; chuỗi băm kết thúc bằng", "events sealed and matching their seals; the chain ends in")} <code>{v.Head}</code>{(v.UnsealedCount > 0 ? r.T($" ({v.UnsealedCount} sự kiện mới nhất chưa niêm phong)", $" ({v.UnsealedCount} newest events not sealed yet)") : "")}</p>")
        : Html.Of($"""
            <div class="broken warning" id="verification" data-intact="false" role="alert">
            <p>✘ {r.T("Bị sửa: lịch sử khác với dấu niêm phong từ sự kiện", "Tampered: the history differs from its seals from event")} <strong id="broken-seq">{v.FirstBrokenSeq}</strong> ({v.FirstBrokenEvent})</p>
            <p>{r.T("Băm đã niêm phong", "Sealed hash")}: <code>{v.SealedHash}</code><br>{r.T("Băm tính lại", "Recomputed hash")}: <code>{v.ComputedHash}</code></p>
            <p class="muted">{v.Reason}</p></div>
            """);

    private static Raw LinkedName(HistoryRecord e)
        => e.EventType == "SubOrchestrationInstanceCreated" && e.RelatedInstanceId is { } child
            ? Html.Of($"<a href=\"{WebUi.Root}/audit/instance?id={Uri.EscapeDataString(child)}\">{e.Name}</a>")
            : Html.Of($"{e.Name}");

    private static async Task<IResult> ExportAsync(WebRequest r)
    {
        string? cycleId = r.Query("cycle");
        if (cycleId is null || !(await r.Service<CycleDirectory>().ConcerningAsync(r.Caller, r.Caller.UnitId, r.Cancellation)).Exists(c => c.CycleId == cycleId))
        {
            return WebPage.Forbidden(r);
        }

        // The same lines as the audit API's export, then one closing line with the manifest of that export.
        var lines = new MemoryStream();
        AuditExport export = r.Service<AuditExport>();
        await export.WriteLinesAsync(cycleId, lines, r.Cancellation);
        var manifest = new MemoryStream();
        await export.WriteManifestAsync(cycleId, r.Service<TimeProvider>().GetUtcNow(), manifest, r.Cancellation);
        lines.Write(manifest.ToArray());
        lines.WriteByte((byte)'\n');
        return Results.File(lines.ToArray(), "application/x-ndjson", $"{cycleId}-history.jsonl");
    }
}
