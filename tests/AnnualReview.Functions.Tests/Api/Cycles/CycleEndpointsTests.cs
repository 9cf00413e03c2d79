using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnnualReview.Functions.Security;
using AnnualReview.Testing;

namespace AnnualReview.Functions.Tests.Api.Cycles;

[Collection("azurite")]
public sealed class CycleEndpointsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Start_PastYear_RunsToTheEndAndShowsProgressLateListAndReports()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(90));
        await using TestApp app = await TestApp.StartAsync(azurite, timeout);
        await SmallCity.ImportAsync(app, timeout);
        using HttpClient board = app.As(AppRoles.OrganizationBoard, SmallCity.Board);

        using HttpResponseMessage started = await board.PostAsJsonAsync("/api/cycles", SmallCity.Cycle(2025), timeout);
        JsonElement links = await SmallCity.ReadJsonAsync(started, timeout);
        string id = links.GetProperty("id").GetString()!;
        JsonElement cycle;
        do
        {
            await Task.Delay(200, timeout);
            cycle = await board.GetFromJsonAsync<JsonElement>($"/api/cycles/{id}", timeout);
        }
        while (cycle.GetProperty("cycle").GetProperty("status").GetString() != "Completed");

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal(7, cycle.GetProperty("units").GetArrayLength());
    }
}
