using AnnualReview.Assessment.Model;
using AnnualReview.Functions.Steps;
using AnnualReview.TaskHub.History;
using AnnualReview.Workflows;
using AnnualReview.Workflows.Contracts;

namespace AnnualReview.Functions.Web;

/// <summary>What the pages for the board's and the committees' steps share: a refusal in words, a level picker, the levels already sent.</summary>
public static class StepPageParts
{
    /// <summary>A refusal from the shared step, with every field at fault; the form below keeps what was typed.</summary>
    public static Raw Refusal(WebRequest r, StepRefusal refusal, string lead)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(refusal);
        var html = new Html().Add($"<div class=\"warning\" role=\"alert\" id=\"refused\" data-problem=\"{refusal.Kind.Slug}\"><p><strong>{lead}</strong>: {refusal.Sentence(r.English)}</p>");
        if (refusal.Errors.Count > 1)
        {
            html.Add($"<ul>");
            foreach (var error in refusal.Errors)
            {
                html.Add($"<li data-field=\"{error.Field}\">{r.Message(error)}</li>");
            }

            html.Add($"</ul>");
        }

        return html.Add($"</div>").ToRaw();
    }

    /// <summary>The page a refusal of access or state becomes when there is nothing to show under it.</summary>
    public static IResult Refused(WebRequest r, string title, StepRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return refusal.Kind.Status == StatusCodes.Status403Forbidden
            ? WebPage.Forbidden(r)
            : Layout.Render(r, title, Refusal(r, refusal, r.T("Không thực hiện được", "Not possible")), refusal.Kind.Status);
    }

    /// <summary>A select of the four levels (and "not chosen"), labelled for screen readers by the unit's name.</summary>
    public static Raw LevelSelect(WebRequest r, string id, string name, string label, string? chosen, bool enabled)
    {
        ArgumentNullException.ThrowIfNull(r);
        var html = new Html().Add($"<label for=\"{id}\" class=\"sr\">{label}</label><select id=\"{id}\" name=\"{name}\"{(enabled ? Raw.Empty : new Raw(" disabled"))}><option value=\"\">{r.T("— chọn mức —", "— choose —")}</option>");
        foreach (RatingLevel level in Enum.GetValues<RatingLevel>())
        {
            string value = level.ToString();
            html.Add(value == chosen ? Html.Of($"<option value=\"{value}\" selected>{r.Level(level)}</option>") : Html.Of($"<option value=\"{value}\">{r.Level(level)}</option>"));
        }

        return html.Add($"</select>").ToRaw();
    }

    /// <summary>Members by level as people read it: "Hoàn thành tốt: 3 · Hoàn thành: 1".</summary>
    public static string LevelCounts(WebRequest r, IEnumerable<RatingLevel> levels)
    {
        ArgumentNullException.ThrowIfNull(r);
        var counted = levels.GroupBy(l => l).OrderBy(g => g.Key).Select(g => $"{r.Level(g.Key)}: {g.Count()}").ToList();
        return counted.Count == 0 ? r.T("chưa có", "none yet") : string.Join(" · ", counted);
    }

    /// <summary>
    /// The unit levels a unit's orchestration was sent, last one wins, read from its history: what the committee
    /// decided so far, shown back on the form before the step closes.
    /// </summary>
    public static async Task<Dictionary<string, RatingLevel>> SentLevelsAsync(WebRequest r, string cycleId, string unitId, string eventName)
        => eventName == EventNames.OrganizationsRated
            ? LastWins((await SentAsync<OrganizationsRated>(r, cycleId, unitId, eventName)).Select(e => e.Levels))
            : LastWins((await SentAsync<AppraisalSubmitted>(r, cycleId, unitId, eventName)).Select(e => e.CellLevels));

    /// <summary>What a unit's orchestration was sent under one event name, oldest first, read from its history.</summary>
    public static async Task<List<T>> SentAsync<T>(WebRequest r, string cycleId, string unitId, string eventName)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(r);
        var history = await r.Service<HistoryReader>().ReadAsync(CycleInstanceIds.Unit(cycleId, unitId), 0, r.Cancellation);
        return [.. history.Where(e => e.EventType == "EventRaised" && e.Name == eventName)
            .Select(e => WorkflowJson.Deserialize<T>(e.Payload)).OfType<T>()];
    }

    /// <summary>Values by unit id across the events sent, the last one for each id winning.</summary>
    public static Dictionary<string, TValue> LastWins<TValue>(IEnumerable<IReadOnlyDictionary<string, TValue>?> sent)
    {
        ArgumentNullException.ThrowIfNull(sent);
        var values = new Dictionary<string, TValue>(StringComparer.Ordinal);
        foreach (var (id, value) in sent.SelectMany(s => s ?? new Dictionary<string, TValue>()))
        {
            values[id] = value;
        }

        return values;
    }

    /// <summary>The form's fields by name, each once.</summary>
    public static async Task<Dictionary<string, string>> FormAsync(WebRequest r)
    {
        ArgumentNullException.ThrowIfNull(r);
        IFormCollection form = await r.Http.Request.ReadFormAsync(r.Cancellation);
        return form.Keys.ToDictionary(k => k, k => form[k].ToString(), StringComparer.Ordinal);
    }
}
