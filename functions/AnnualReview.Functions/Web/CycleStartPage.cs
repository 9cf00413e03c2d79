using AnnualReview.Functions.Idempotency;
using System.Globalization;
using AnnualReview.Assessment.Cycle;
using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Rules;
using AnnualReview.Functions.Security;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Web;

/// <summary>
/// The board starts a cycle: root unit, rule set, dates per step, reminder offsets, the escalation ladder and the
/// hard stop. The domain's validator runs on the server and its errors appear next to the fields they concern.
/// </summary>
public static class CycleStartPage
{
    private static readonly string[] Starters = [AppRoles.OrganizationBoard];
    private static readonly string[] DateFields = ["dueDates.selfReview", "dueDates.cellMeeting", "dueDates.grassrootsDecision", "dueDates.committeeDecision", "dueDates.boardReport", "hardStop"];
    private const int Rungs = 3;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPage("GET", WebUi.Root + "/cycles/new", Starters, r => Task.FromResult(Show(r, Defaults(r), [])));
        app.MapPage("POST", WebUi.Root + "/cycles/new", Starters, StartAsync);
    }

    private static Dictionary<string, string> Defaults(WebRequest r)
    {
        int year = r.Service<TimeProvider>().GetUtcNow().Year;
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["year"] = year.ToString(CultureInfo.InvariantCulture),
            ["rootUnitId"] = r.Caller.UnitId ?? "",
            ["ruleSetId"] = RuleSetLoader.AvailableIds.Count > 0 ? RuleSetLoader.AvailableIds[^1] : "",
            ["timeZoneId"] = CycleDefinition.DefaultTimeZoneId,
            ["dueDates.selfReview"] = $"{year}-12-10",
            ["dueDates.cellMeeting"] = $"{year}-12-18",
            ["dueDates.grassrootsDecision"] = $"{year}-12-26",
            ["dueDates.committeeDecision"] = $"{year}-12-31",
            ["dueDates.boardReport"] = $"{year + 1}-02-01",
            ["hardStop"] = $"{year + 1}-02-01",
            ["reminderOffsets"] = "3, 1, 0",
            ["admissionReferenceDate"] = RuleSetLoader.AvailableIds.Count > 0 ? RuleSetLoader.Load(RuleSetLoader.AvailableIds[^1]).Eligibility.AdmissionReference.Value.In(year).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "",
        };
        var ladder = new CycleDefinition(year, "", "", new StepDueDates(default, default, default, default, default), default).EscalationLadder;
        for (int i = 0; i < ladder.Count && i < Rungs; i++)
        {
            values[$"escalationLadder[{i}].afterDue"] = ladder[i].AfterDue.TotalDays.ToString(CultureInfo.InvariantCulture);
            values[$"escalationLadder[{i}].target"] = ladder[i].Target.ToString();
            values[$"escalationLadder[{i}].handsOver"] = ladder[i].HandsOver ? "on" : "";
        }

        return values;
    }

    private static async Task<IResult> StartAsync(WebRequest r)
    {
        IFormCollection form = await r.Http.Request.ReadFormAsync(r.Cancellation);
        var values = form.Keys.ToDictionary(k => k, k => form[k].ToString(), StringComparer.Ordinal);
        var errors = new List<ValidationError>();
        CycleDefinition? definition = Parse(values, errors);
        string root = values.GetValueOrDefault("rootUnitId", "");
        Unit? unit = root.Length == 0 ? null : await r.Service<RosterStore>().GetUnitAsync(root, r.Cancellation);
        if (root.Length > 0 && (unit is null || !await r.CoversAsync(root)))
        {
            errors.Add(new ValidationError("RootOutsideScope", "rootUnitId", $"Đơn vị {root} không có hoặc ngoài phạm vi của bạn.", $"Unit {root} does not exist or is outside your units."));
        }

        if (definition is not null && errors.Count == 0)
        {
            // The starter refuses a cycle that exists or whose dates have gone, as it does for the API.
            CycleStartResult started = await r.Service<CycleStarter>().StartAsync(definition, null, RequestKeys.FromForm(r.Http, values), r.Cancellation);
            if (started.Started)
            {
                return Results.Redirect($"{WebUi.Root}/cycles/{Uri.EscapeDataString(started.CycleId!)}?started=1");
            }

            errors.AddRange(started.Errors);
        }
        else if (definition is not null)
        {
            // Show the domain's findings too, so every problem is listed at once.
            errors.AddRange(CycleDefinitionValidator.Validate(definition).Where(e => !errors.Exists(x => x.Field == e.Field)));
        }

        return Show(r, values, errors);
    }

    /// <summary>The form's text into a definition; unreadable fields become errors on those fields.</summary>
    private static CycleDefinition? Parse(Dictionary<string, string> v, List<ValidationError> errors)
    {
        int year = 0;
        if (!int.TryParse(v.GetValueOrDefault("year"), NumberStyles.Integer, CultureInfo.InvariantCulture, out year))
        {
            errors.Add(Invalid("year", "Năm phải là một số.", "The year must be a number."));
        }

        var dates = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        foreach (string field in DateFields)
        {
            if (DateOnly.TryParseExact(v.GetValueOrDefault(field), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date))
            {
                dates[field] = date;
            }
            else
            {
                errors.Add(Invalid(field, "Ngày không hợp lệ.", "Not a valid date."));
            }
        }

        // Optional: left empty, the rule set's date (31 December) counts.
        DateOnly? admissionReference = null;
        if (v.GetValueOrDefault("admissionReferenceDate", "").Trim() is { Length: > 0 } referenceText)
        {
            if (DateOnly.TryParseExact(referenceText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly reference))
            {
                admissionReference = reference;
            }
            else
            {
                errors.Add(Invalid("admissionReferenceDate", "Ngày không hợp lệ.", "Not a valid date."));
            }
        }

        var offsets = new List<TimeSpan>();
        foreach (string part in v.GetValueOrDefault("reminderOffsets", "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double days))
            {
                offsets.Add(TimeSpan.FromDays(days));
            }
            else
            {
                errors.Add(Invalid("reminderOffsets", $"\"{part}\" không phải số ngày.", $"\"{part}\" is not a number of days."));
            }
        }

        var ladder = new List<EscalationRung>();
        for (int i = 0; i < Rungs; i++)
        {
            string after = v.GetValueOrDefault($"escalationLadder[{i}].afterDue", "");
            if (after.Length == 0)
            {
                continue;
            }

            if (!double.TryParse(after, NumberStyles.Float, CultureInfo.InvariantCulture, out double days))
            {
                errors.Add(Invalid($"escalationLadder[{ladder.Count}].afterDue", "Số ngày không hợp lệ.", "Not a number of days."));
                continue;
            }

            if (!Enum.TryParse(v.GetValueOrDefault($"escalationLadder[{i}].target"), out EscalationTarget target))
            {
                target = EscalationTarget.Supervisor;
            }

            ladder.Add(new EscalationRung(TimeSpan.FromDays(days), target, v.ContainsKey($"escalationLadder[{i}].handsOver")));
        }

        if (errors.Count > 0 && dates.Count < DateFields.Length)
        {
            return null;
        }

        if (year == 0)
        {
            return null;
        }

        return new CycleDefinition(
            year,
            v.GetValueOrDefault("rootUnitId", "").Trim(),
            v.GetValueOrDefault("ruleSetId", ""),
            new StepDueDates(dates[DateFields[0]], dates[DateFields[1]], dates[DateFields[2]], dates[DateFields[3]], dates[DateFields[4]]),
            dates[DateFields[5]])
        {
            TimeZoneId = v.GetValueOrDefault("timeZoneId") is { Length: > 0 } zone ? zone : CycleDefinition.DefaultTimeZoneId,
            ReminderOffsets = offsets,
            EscalationLadder = ladder,
            AdmissionReferenceDate = admissionReference,
        };
    }

    private static ValidationError Invalid(string field, string vi, string en) => new("Invalid", field, vi, en);

    private static IResult Show(WebRequest r, Dictionary<string, string> v, List<ValidationError> errors)
    {
        var body = new Html();
        if (errors.Count > 0)
        {
            body.Add($"<div class=\"warning\" role=\"alert\" id=\"form-errors\"><p>{r.T("Chưa bắt đầu được đợt; hãy sửa các lỗi dưới đây.", "The cycle was not started; fix the errors below.")}</p><ul>");
            foreach (ValidationError e in errors)
            {
                body.Add($"<li>{r.Message(e)}</li>");
            }

            body.Add($"</ul></div>");
        }

        body.Add($"<form method=\"post\" action=\"{WebUi.Root}/cycles/new\" novalidate>{r.Antiforgery()}");
        body.Add(Input(r, v, errors, "year", r.T("Năm đánh giá", "Year"), "number"));
        body.Add(Input(r, v, errors, "rootUnitId", r.T("Mã đơn vị gốc", "Root unit id"), "text"));
        body.Add($"<label for=\"ruleSetId\">{r.T("Bộ quy tắc", "Rule set")}</label><select id=\"ruleSetId\" name=\"ruleSetId\">");
        foreach (string id in RuleSetLoader.AvailableIds)
        {
            RuleSet set = RuleSetLoader.Load(id);
            body.Add(id == v.GetValueOrDefault("ruleSetId") ? Html.Of($"<option value=\"{id}\" selected>{id} — {r.T(set.TitleVi, set.TitleEn)}</option>") : Html.Of($"<option value=\"{id}\">{id} — {r.T(set.TitleVi, set.TitleEn)}</option>"));
        }

        body.Add($"</select>").Add(WebPage.FieldError(r, errors, "ruleSetId", "ruleSetId"));
        body.Add($"<fieldset><legend>{r.T("Hạn của từng bước", "Due date of each step")}</legend>");
        string[] names = [r.T("Tự kiểm điểm", "Self-reviews"), r.T("Họp chi bộ", "Cell meetings"), r.T("Tổ chức cơ sở đảng quyết định", "Grassroots decisions"), r.T("Cấp ủy quyết định", "Committee decisions"), r.T("Báo cáo Ban tổ chức", "Report to the board"), r.T("Ngày kết thúc đợt (khóa sổ)", "Hard stop")];
        for (int i = 0; i < DateFields.Length; i++)
        {
            body.Add(Input(r, v, errors, DateFields[i], names[i], "date"));
        }

        body.Add(Input(r, v, errors, "timeZoneId", r.T("Múi giờ", "Time zone"), "text"));
        body.Add(Input(r, v, errors, "admissionReferenceDate", r.T("Mốc tính \"kết nạp dưới 6 tháng\" (được kiểm điểm, không xếp loại)", "Reference date for \"admitted under 6 months\" (reviewed, not rated)"), "date"));
        body.Add($"</fieldset><fieldset><legend>{r.T("Nhắc hạn và báo cáo lên cấp trên", "Reminders and escalation")}</legend>");
        body.Add(Input(r, v, errors, "reminderOffsets", r.T("Nhắc trước hạn (số ngày, cách nhau bằng dấu phẩy)", "Remind before the due date (days, comma-separated)"), "text"));
        for (int i = 0; i < Rungs; i++)
        {
            string prefix = $"escalationLadder[{i}]";
            body.Add($"<div class=\"rung\"><p><strong>{r.T("Bậc", "Rung")} {i + 1}</strong></p>");
            body.Add(Input(r, v, errors, prefix + ".afterDue", r.T("Sau hạn (số ngày)", "After the due date (days)"), "number"));
            string targetId = Id(prefix + ".target");
            body.Add($"<label for=\"{targetId}\">{r.T("Báo cho", "Tell")}</label><select id=\"{targetId}\" name=\"{prefix}.target\">");
            foreach (EscalationTarget target in Enum.GetValues<EscalationTarget>())
            {
                string text = target switch
                {
                    EscalationTarget.Supervisor => r.T("Người phụ trách trực tiếp (bí thư)", "Direct supervisor (secretary)"),
                    EscalationTarget.SuperiorCommittee => r.T("Cấp ủy cấp trên", "Superior committee"),
                    _ => r.T("Ban tổ chức", "Organization board"),
                };
                body.Add(target.ToString() == v.GetValueOrDefault(prefix + ".target") ? Html.Of($"<option value=\"{target}\" selected>{text}</option>") : Html.Of($"<option value=\"{target}\">{text}</option>"));
            }

            string handsId = Id(prefix + ".handsOver");
            body.Add($"</select>").Add(WebPage.FieldError(r, errors, prefix + ".target", targetId));
            body.Add(v.ContainsKey(prefix + ".handsOver") && v[prefix + ".handsOver"].Length > 0
                ? Html.Of($"<label><input type=\"checkbox\" id=\"{handsId}\" name=\"{prefix}.handsOver\" checked> {r.T("Chuyển việc cho người được báo", "Hand the step over to them")}</label>")
                : Html.Of($"<label><input type=\"checkbox\" id=\"{handsId}\" name=\"{prefix}.handsOver\"> {r.T("Chuyển việc cho người được báo", "Hand the step over to them")}</label>"));
            body.Add($"</div>");
        }

        body.Add($"</fieldset><p><button type=\"submit\" id=\"start-cycle\">{r.T("Bắt đầu đợt", "Start the cycle")}</button></p></form>");
        return Layout.Render(r, r.T("Bắt đầu đợt đánh giá", "Start a cycle"), body.ToRaw(), errors.Count > 0 ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK);
    }

    private static Raw Input(WebRequest r, Dictionary<string, string> v, List<ValidationError> errors, string field, string label, string type)
    {
        string id = Id(field);
        bool bad = errors.Any(e => string.Equals(e.Field, field, StringComparison.OrdinalIgnoreCase));
        return Html.Of($"""
            <label for="{id}">{label}</label>
            <input id="{id}" name="{field}" type="{type}" value="{v.GetValueOrDefault(field, "")}" aria-invalid="{(bad ? "true" : "false")}" aria-describedby="{id}-error">
            {WebPage.FieldError(r, errors, field, id)}
            """);
    }

    internal static string Id(string field) => field.Replace('.', '-').Replace('[', '-').Replace("]", "", StringComparison.Ordinal);
}
