using System.Text.Encodings.Web;
using System.Text.Json;
using AnnualReview.TaskHub.History;
using AnnualReview.Workflows;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Web;

/// <summary>
/// The auditor's timeline in people's words: every kind of engine event told in plain Vietnamese (or English)
/// beside the raw one, with members and units by name. The raw event stays on the row, since that is what the
/// seal covers.
/// </summary>
internal sealed class AuditWords(WebRequest r, IReadOnlyDictionary<string, string> names)
{
    private static readonly JsonSerializerOptions Readable = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The people and units an instance's events name, looked up once for the page.</summary>
    public static async Task<AuditWords> ForAsync(WebRequest r, IEnumerable<HistoryRecord> events, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(r);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (HistoryRecord e in events)
        {
            if (e is { EventType: "EventRaised", Name: EventNames.SelfReviewSubmitted } && Try(() => WorkflowJson.Deserialize<SelfReviewSubmitted>(e.Payload)) is { } s)
            {
                ids.Add(s.MemberId);
            }

            if (e is { EventType: "EventRaised", Name: EventNames.DeputyAssigned } && Try(() => WorkflowJson.Deserialize<DeputyAssigned>(e.Payload)) is { } d)
            {
                ids.Add(d.MemberId);
            }

            if (e is { EventType: "EventRaised", Payload: { } payload } && Actor(payload) is { } actor)
            {
                ids.Add(actor.Contains('@', StringComparison.Ordinal) ? actor[(actor.IndexOf('@', StringComparison.Ordinal) + 1)..] : actor);
            }

            if (e.RelatedInstanceId is { } child && UnitOf(child) is { } unit)
            {
                ids.Add(unit);
            }
        }

        if (UnitOf(instanceId) is { } own)
        {
            ids.Add(own);
        }

        RosterStore roster = r.Service<RosterStore>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string id in ids.Take(300))
        {
            string? name = (await roster.GetMemberAsync(id, r.Cancellation))?.FullName ?? (await roster.GetUnitAsync(id, r.Cancellation))?.Name;
            if (name is not null)
            {
                names[id] = name;
            }
        }

        return new AuditWords(r, names);
    }

    /// <summary>The unit a unit's instance id names (<c>cycle~unit</c>), or null for a cycle or a re-rating.</summary>
    public static string? UnitOf(string instanceId)
        => instanceId.IndexOf('~', StringComparison.Ordinal) is int at and >= 0 ? instanceId[(at + 1)..] : null;

    /// <summary>A person or unit by name; a signed-in role at a unit (<c>cellsecretary@unit</c>) as "the secretary of …".</summary>
    public string Name(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (names.TryGetValue(id, out string? name))
        {
            return name;
        }

        int at = id.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && names.TryGetValue(id[(at + 1)..], out string? unit) ? $"{RoleOf(id[..at])} — {unit}" : id;
    }

    private string RoleOf(string role) => role switch
    {
        "cellsecretary" => r.T("Bí thư chi bộ", "Cell secretary"),
        "committee" => r.T("Cấp ủy", "Committee"),
        "organizationboard" => r.T("Ban tổ chức", "Organization board"),
        "admin" => r.T("Quản trị", "Administrator"),
        _ => r.T("Người dùng", "User"),
    };

    private static readonly string[] ActorFields = ["submittedBy", "recordedBy", "decidedBy", "openedBy", "assignedBy"];

    /// <summary>Who did what a person's event records, from its payload.</summary>
    public static string? Actor(string payload)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(payload);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                ? ActorFields.Select(f => doc.RootElement.TryGetProperty(f, out JsonElement by) && by.ValueKind == JsonValueKind.String ? by.GetString() : null).FirstOrDefault(a => a is not null)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>An orchestrator's registered name as the step it runs.</summary>
    public static string Orchestrator(WebRequest r, string? name)
    {
        ArgumentNullException.ThrowIfNull(r);
        return WorkflowNames.OrchestratorOf(name ?? "") switch
        {
            WorkflowNames.Cycle => r.T("Đợt kiểm điểm (toàn đảng bộ)", "The whole cycle"),
            WorkflowNames.Committee => r.T("Cấp ủy cấp trên cơ sở", "Committee review"),
            WorkflowNames.Grassroots => r.T("Tổ chức cơ sở đảng", "Grassroots organization review"),
            WorkflowNames.Cell => r.T("Chi bộ", "Cell review"),
            WorkflowNames.ReRating => r.T("Xếp loại lại", "Re-rating"),
            _ => r.T("Tiến trình khác", "Other process"),
        };
    }

    private static string Activity(WebRequest r, string? name) => name switch
    {
        WorkflowNames.LoadUnit => r.T("đọc đơn vị và cấp dưới", "read the unit and those below it"),
        WorkflowNames.LoadCell => r.T("đọc danh sách chi bộ", "read the cell's roster"),
        WorkflowNames.Notify => r.T("gửi thông báo", "send notifications"),
        WorkflowNames.RecordProgress => r.T("ghi tiến độ", "record progress"),
        WorkflowNames.RecordMemberStages => r.T("ghi giai đoạn của từng đảng viên", "record each member's stage"),
        WorkflowNames.RecordLate => r.T("ghi báo cáo trễ hạn", "record a late report"),
        WorkflowNames.FinalizeMembers => r.T("chốt kết quả xếp loại", "record the final levels"),
        WorkflowNames.WriteReport => r.T("lập báo cáo", "write the report"),
        WorkflowNames.ApplyReRating => r.T("áp dụng xếp loại lại", "apply the re-rating"),
        _ => r.T("một việc", "a task"),
    };

    /// <summary>A kind of engine event by a short name in the person's language (filters, headings).</summary>
    public static string TypeName(WebRequest r, string type)
    {
        ArgumentNullException.ThrowIfNull(r);
        return type switch
        {
            "EventRaised" => r.T("Tín hiệu từ người dùng", "Signal from a person"),
            "TaskScheduled" => r.T("Giao việc", "Task scheduled"),
            "TaskCompleted" => r.T("Việc xong", "Task done"),
            "TaskFailed" => r.T("Việc lỗi", "Task failed"),
            "SubOrchestrationInstanceCreated" => r.T("Khởi động đơn vị cấp dưới", "Unit below started"),
            "SubOrchestrationInstanceCompleted" => r.T("Đơn vị cấp dưới xong", "Unit below finished"),
            "SubOrchestrationInstanceFailed" => r.T("Đơn vị cấp dưới lỗi", "Unit below failed"),
            "TimerCreated" => r.T("Hẹn giờ", "Timer set"),
            "TimerFired" => r.T("Đến giờ", "Timer fired"),
            "ExecutionStarted" => r.T("Bắt đầu", "Started"),
            "ExecutionCompleted" => r.T("Kết thúc", "Completed"),
            "ExecutionTerminated" => r.T("Bị dừng", "Stopped"),
            "OrchestratorStarted" => r.T("Nhận việc", "Step begun"),
            "OrchestratorCompleted" => r.T("Ghi xong bước", "Step committed"),
            _ => r.T("Khác", "Other"),
        };
    }

    // Signals already told on this page, by name, time and payload: a copy of one is a redelivery.
    private readonly HashSet<(string?, DateTime, string?)> _told = [];

    /// <summary>The event in the domain's words; every event type has some. Call in the history's order.</summary>
    public string Of(HistoryRecord e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.EventType == "EventRaised" && !_told.Add((e.Name, e.Timestamp, e.Payload)))
        {
            // A worker stopped after writing a step and before deleting its message; the engine appended the
            // same message again. The workflow applies each request once.
            return r.T("Bản nhận lại của tín hiệu ngay trên (máy xử lý nhận lại sau sự cố) — không áp dụng lần hai",
                "A redelivered copy of the signal above (the engine received it again after a failure) — not applied twice");
        }

        return e.EventType switch
        {
            "EventRaised" => Raised(e),
            "TaskScheduled" when e.Name == WorkflowNames.Notify && Try(() => WorkflowJson.Deserialize<List<NotificationRequest>>(e.Payload)) is { } n
                => r.T($"Gửi {n.Count} thông báo tới {string.Join(", ", n.Select(x => Name(x.RecipientId)).Distinct().Take(5))}{(n.Count > 5 ? "…" : "")}",
                    $"Send {n.Count} notifications to {string.Join(", ", n.Select(x => Name(x.RecipientId)).Distinct().Take(5))}{(n.Count > 5 ? "…" : "")}"),
            "TaskScheduled" => r.T("Giao việc: ", "Scheduled: ") + Activity(r, e.Name),
            "TaskCompleted" => r.T("Việc đã xong", "Task done"),
            "TaskFailed" => r.T("Việc bị lỗi (sẽ thử lại theo quy định hoặc ghi nhận lý do)", "Task failed (retried by its policy, or the reason recorded)"),
            "SubOrchestrationInstanceCreated" => r.T("Bắt đầu cho đơn vị cấp dưới: ", "Started for the unit below: ") + (e.RelatedInstanceId is { } child && UnitOf(child) is { } unit ? Name(unit) : Orchestrator(r, e.Name)),
            "SubOrchestrationInstanceCompleted" => r.T("Đơn vị cấp dưới đã hoàn thành", "A unit below finished"),
            "SubOrchestrationInstanceFailed" => r.T("Đơn vị cấp dưới gặp lỗi", "A unit below failed"),
            "TimerCreated" when e.FireAt is { } at => r.T($"Hẹn giờ đến {r.Time(at)}", $"Timer until {r.Time(at)}"),
            "TimerCreated" => r.T("Hẹn giờ", "Timer set"),
            "TimerFired" => r.T("Đến giờ đã hẹn", "The timer fired"),
            "ExecutionStarted" => r.T("Bắt đầu", "Started"),
            "ExecutionCompleted" => r.T("Kết thúc", "Completed"),
            "ExecutionTerminated" => r.T("Bị dừng bởi quản trị viên", "Stopped by an administrator"),
            "ExecutionSuspended" => r.T("Tạm dừng", "Suspended"),
            "ExecutionResumed" => r.T("Chạy tiếp", "Resumed"),
            "ContinueAsNew" => r.T("Chạy tiếp với lịch sử mới", "Continued with a fresh history"),
            "OrchestratorStarted" => r.T("Máy xử lý nhận việc", "The engine picked the work up"),
            "OrchestratorCompleted" => r.T("Máy xử lý ghi xong bước", "The engine committed the step"),
            "EventSent" => r.T("Gửi tín hiệu cho tiến trình khác", "Sent a signal to another process"),
            _ => r.T("Sự kiện của máy xử lý", "An engine event"),
        };
    }

    private string Raised(HistoryRecord e) => e.Name switch
    {
        EventNames.SelfReviewSubmitted when Try(() => WorkflowJson.Deserialize<SelfReviewSubmitted>(e.Payload)) is { } s
            => r.T($"{Name(s.MemberId)} nộp bản kiểm điểm (lần {s.Version}), tự xếp loại {r.Level(s.SelfRating)}, lúc {r.Time(s.SubmittedAt)}",
                $"{Name(s.MemberId)} submitted the self-review (version {s.Version}), self-rated {r.Level(s.SelfRating)}, at {r.Time(s.SubmittedAt)}"),
        EventNames.CollectiveReviewSubmitted when Try(() => WorkflowJson.Deserialize<CollectiveReviewSubmitted>(e.Payload)) is { } c
            => r.T($"Chi bộ nộp báo cáo kiểm điểm tập thể (lần {c.Version})", $"The cell submitted its collective review (version {c.Version})"),
        EventNames.MeetingOpened => r.T("Khai mạc cuộc họp chi bộ", "The cell meeting was opened"),
        EventNames.DeputyAssigned when Try(() => WorkflowJson.Deserialize<DeputyAssigned>(e.Payload)) is { } d
            => r.T($"Cấp ủy giao {Name(d.MemberId)} ghi biên bản họp thay bí thư (cuộc họp đã quá hạn)", $"The committee named {Name(d.MemberId)} to record the meeting for the secretary (the meeting was overdue)"),
        EventNames.MeetingRecorded when Try(() => WorkflowJson.Deserialize<MeetingRecorded>(e.Payload)) is { } m
            => r.T($"Ghi biên bản họp: triệu tập {m.FullMembersConvened}, có mặt {m.FullMembersPresent}, biểu quyết cho {m.Tallies.Count} đảng viên",
                $"Meeting recorded: {m.FullMembersConvened} convened, {m.FullMembersPresent} present, votes on {m.Tallies.Count} members"),
        EventNames.Appraisal when Try(() => WorkflowJson.Deserialize<AppraisalSubmitted>(e.Payload)) is { } a
            => r.T($"Cấp ủy thẩm định {a.Decisions.Count} đảng viên{(a.Finalize ? ", đề nghị hoàn tất" : ", lưu tạm")}", $"The committee appraised {a.Decisions.Count} members{(a.Finalize ? ", asking to finalize" : ", saved")}"),
        EventNames.OrganizationsRated when Try(() => WorkflowJson.Deserialize<OrganizationsRated>(e.Payload)) is { } o
            => r.T($"Xếp loại {o.Levels.Count} tổ chức đảng cấp dưới", $"Rated {o.Levels.Count} organizations below"),
        EventNames.SubtreeStarted => r.T("Đơn vị cấp dưới báo đã khởi động xong", "A unit below reported it has started"),
        _ => r.T("Nhận một tín hiệu", "A signal arrived"),
    };

    /// <summary>A unit's status as a short list in words; the JSON itself, readable (no <c>\u</c> escapes), one click away.</summary>
    public static Raw Status(WebRequest r, string? customStatus)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (customStatus is not { Length: > 0 })
        {
            return Html.Of($"<span class=\"muted\">{r.T("Không có", "None")}</span>");
        }

        JsonElement status;
        try
        {
            using JsonDocument document = JsonDocument.Parse(customStatus);
            status = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return Html.Of($"<pre>{customStatus}</pre>");
        }

        var html = new Html().Add($"<ul class=\"status-words\">");
        if (status.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty p in status.EnumerateObject())
            {
                if (Label(r, p.Name) is { } label && p.Value.ValueKind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False or JsonValueKind.String)
                {
                    string value = p.Value.ValueKind switch
                    {
                        JsonValueKind.True => r.T("có", "yes"),
                        JsonValueKind.False => r.T("không", "no"),
                        JsonValueKind.String when p.Name == "stage" => Labels.UnitStage(r, p.Value.GetString()),
                        _ => p.Value.ToString(),
                    };
                    html.Add($"<li>{label}: {value}</li>");
                }
            }
        }

        string readable = JsonSerializer.Serialize(status, Readable);
        return html.Add($"</ul><details><summary>{r.T("dữ liệu gốc", "raw data")}</summary><pre>{readable}</pre></details>").ToRaw();
    }

    private static string? Label(WebRequest r, string key) => key switch
    {
        "stage" => r.T("Giai đoạn", "Stage"),
        "members" => r.T("Số đảng viên", "Members"),
        "submitted" => r.T("Đã nộp", "Submitted"),
        "notSubmitted" => r.T("Không nộp", "Not submitted"),
        "proposed" => r.T("Đã đề xuất", "Proposed"),
        "notRated" => r.T("Không xếp loại", "Not rated"),
        "collectiveVersions" => r.T("Số lần nộp báo cáo tập thể", "Collective review versions"),
        "meetingOpen" => r.T("Đã khai mạc họp", "Meeting open"),
        "handedOver" => r.T("Đã giao bí thư nộp thay", "Handed over to the secretary"),
        _ => null,
    };

    private static T? Try<T>(Func<T?> read) where T : class
    {
        try
        {
            return read();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
