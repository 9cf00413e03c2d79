using System.Diagnostics;
using AnnualReview.Functions.Observability;
using AnnualReview.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace AnnualReview.Functions.Tests.Observability;

[Collection("azurite")]
public sealed class TelemetryRegistrationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task TheApp_TracesRequestsUnderTheAnnualReviewSource_AndTagsTheInstance()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(30));
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is AppTracing.SourceName or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (spans) { spans.Add(activity); } },
        };
        ActivitySource.AddActivityListener(listener);
        await using TestApp app = await TestApp.StartAsync(azurite, timeout);
        using HttpClient http = Management.ManagementEndpointsTests.WithKey(app);

        using HttpResponseMessage response = await http.GetAsync("/runtime/webhooks/durabletask/instances/traced-1", timeout);

        // The server ends its spans after the response has gone out, so the client may read it first: wait for them.
        bool Tagged()
        {
            lock (spans)
            {
                return spans.Any(s => Equals(s.GetTagItem(AppTracing.InstanceIdTag), "traced-1"));
            }
        }

        while (!Tagged() && !timeout.IsCancellationRequested)
        {
            await Task.Delay(50, CancellationToken.None);
        }

        Assert.NotNull(app.Services.GetService<TracerProvider>());
        Assert.NotNull(app.Services.GetService<MeterProvider>());
        Assert.True(Tagged(), "no span tagged with the instance id");
    }

    [Fact]
    public async Task WithAnApplicationInsightsConnectionString_TheAppStartsWithTheExporters()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(30));
        await using TestApp app = await TestApp.StartAsync(azurite, timeout,
            [new(TelemetryRegistration.ConnectionStringSetting, "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/")]);
        using HttpClient http = app.Anonymous();

        using HttpResponseMessage ping = await http.GetAsync("/", timeout);

        Assert.True(ping.IsSuccessStatusCode);
        Assert.NotNull(app.Services.GetService<TracerProvider>());
    }
}
