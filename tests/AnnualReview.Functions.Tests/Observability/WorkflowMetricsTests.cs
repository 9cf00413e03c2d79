using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AnnualReview.Assessment.Cycle;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using AnnualReview.Testing;
using AnnualReview.Workflows;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;
using AnnualReview.Workflows.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace AnnualReview.Functions.Tests.Observability;

[Collection("azurite")]
public sealed class WorkflowMetricsTests(AzuriteFixture azurite) : IDisposable
{
    private readonly ConcurrentQueue<(string Instrument, long Value, Dictionary<string, object?> Tags)> _measurements = new();
    private readonly MeterListener _listener = new();

    private void Listen()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == WorkflowMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            _measurements.Enqueue((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        _listener.Start();
    }

    private long Sum(string instrument, string tag, object value)
        => _measurements.Where(m => m.Instrument == instrument && Equals(m.Tags.GetValueOrDefault(tag), value)).Sum(m => m.Value);

    [Fact]
    public async Task StartingACycle_CountsOneCycleStarted()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(30));

        // The app's clock is pinned before the 2025 due dates: a cycle whose meeting day has passed is refused.
        await using TestApp app = await TestApp.StartAsync(azurite, timeout, [new("Clock:Start", "2025-12-02T02:00:00Z"), new("Clock:Scale", "1")]);
        Listen();
        var definition = new CycleDefinition(2025, "dv-metrics", "QD366-2025",
            new StepDueDates(new DateOnly(2025, 12, 10), new DateOnly(2025, 12, 18), new DateOnly(2025, 12, 26), new DateOnly(2025, 12, 31), new DateOnly(2026, 2, 1)),
            new DateOnly(2026, 2, 1));

        CycleStartResult result = await app.Services.GetRequiredService<CycleStarter>().StartAsync(definition, null, timeout);

        Assert.True(result.Started, string.Join("; ", result.Errors));
        Assert.Equal(1, Sum("annualreview.cycles.started", "rule_set", "QD366-2025"));
    }

    [Fact]
    public async Task NotifyActivity_CountsRemindersAndEscalationsByTemplate()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(30));
        List<NotificationRequest> requests =
        [
            new("n1", "dv-1", Templates.Reminder, new Dictionary<string, string>()),
            new("n2", "dv-2", Templates.Overdue, new Dictionary<string, string>()),
            new("n3", "dv-3", Templates.Escalation, new Dictionary<string, string>()),
            new("n4", "dv-4", Templates.Award, new Dictionary<string, string>()),
        ];
        await using TestApp app = await TestApp.StartAsync(azurite, timeout, register: registry => registry
            .AddOrchestratorFunc<List<NotificationRequest>, int>("NotifyProbe", (ctx, list) => ctx.CallActivityAsync<int>(WorkflowNames.Notify, list)));
        await app.Services.GetRequiredService<AssessmentStorage>().EnsureCreatedAsync(timeout);
        Listen();
        var client = app.Services.GetRequiredService<DurableTaskClient>();

        string id = await client.ScheduleNewOrchestrationInstanceAsync("NotifyProbe", requests, cancellation: timeout);
        OrchestrationMetadata done = await client.WaitForInstanceCompletionAsync(id, true, timeout);

        Assert.Equal(4, done.ReadOutputAs<int>());
        Assert.Equal(1, Sum("annualreview.reminders.sent", "template", Templates.Reminder));
        Assert.Equal(1, Sum("annualreview.reminders.sent", "template", Templates.Overdue));
        Assert.Equal(1, Sum("annualreview.escalations", "template", Templates.Escalation));
        Assert.DoesNotContain(_measurements, m => Equals(m.Tags.GetValueOrDefault("template"), Templates.Award));
    }

    public void Dispose() => _listener.Dispose();
}
