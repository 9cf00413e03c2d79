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

        Assert.NotNull(app.Services.GetService<TracerProvider>());
        Assert.NotNull(app.Services.GetService<MeterProvider>());
        lock (spans)
        {
            Assert.Contains(spans, s => Equals(s.GetTagItem(AppTracing.InstanceIdTag), "traced-1"));
        }
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
