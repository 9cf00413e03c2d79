using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnnualReview.Functions.OpenApi;
using AnnualReview.Testing;

namespace AnnualReview.Functions.Tests.OpenApi;

[Collection("azurite")]
public sealed class ApiDocsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Document_IsServedWithEveryRouteOfRosterCyclesAndAuditAndTheBearerScheme()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        await using TestApp app = await TestApp.StartAsync(azurite, timeout);
        using HttpClient anonymous = app.Anonymous();

        JsonElement document = await anonymous.GetFromJsonAsync<JsonElement>(ApiDocs.DocumentPath, timeout);
        using HttpResponseMessage ui = await anonymous.GetAsync(ApiDocs.UiPath, timeout);
        JsonElement paths = document.GetProperty("paths");
        JsonElement import = paths.GetProperty("/api/roster/import").GetProperty("post");

        foreach (string path in new[]
        {
            "/api/roster/import", "/api/roster/units/{unitId}", "/api/cycles", "/api/cycles/{cycleId}",
            "/api/cycles/{cycleId}/units/{unitId}", "/api/cycles/{cycleId}/late", "/api/cycles/{cycleId}/reports/{unitId}.csv",
            "/api/cycles/{cycleId}/reports/{unitId}.xlsx", "/api/audit/instances/{instanceId}/history",
            "/api/audit/cycles/{cycleId}/export", "/api/audit/cycles/{cycleId}/manifest",
        })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        }

        Assert.Equal("ImportRoster", import.GetProperty("operationId").GetString());
        Assert.True(import.GetProperty("requestBody").GetProperty("content").TryGetProperty("text/csv", out _));
        Assert.True(import.GetProperty("responses").TryGetProperty("400", out _));
        Assert.True(paths.GetProperty("/api/cycles").GetProperty("post").GetProperty("responses").TryGetProperty("202", out _));
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty(ApiDocs.BearerScheme).GetProperty("scheme").GetString());
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
        Assert.Equal("text/html", ui.Content.Headers.ContentType?.MediaType);
    }
}
