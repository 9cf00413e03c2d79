using System.Net;
using System.Text;
using AnnualReview.Testing;
using AnnualReview.Functions.Security;
using static AnnualReview.Functions.Tests.Api.Reviews.ReviewWorld;

namespace AnnualReview.Functions.Tests.Api.Reviews;

/// <summary>
/// Who may call each review endpoint: the role, the subtree and, for members, their own review only. An allowed
/// call is sent with a body that fails validation (or at a step that is not open), so it shows that the checks
/// let it through without changing anything; a refused one must be 403 problem+json.
/// </summary>
[Collection("azurite")]
public sealed class ReviewAccessTests(AzuriteFixture azurite, ReviewWorldFixture fixture) : IClassFixture<ReviewWorldFixture>
{
    private const int Allowed400 = 400;
    private const int AllowedOk = 200;
    private const int AllowedNotOpen = 409;
    private const int Refused = 403;

    [Theory]
    // A member submits only their own self-review; nobody else submits one, not even an auditor.
    [InlineData("submit-self-review", AppRoles.Member, Cell, "m01", Allowed400)]
    [InlineData("submit-self-review", AppRoles.Member, Cell, "m02", Refused)]
    [InlineData("submit-self-review", AppRoles.Auditor, Committee, null, Refused)]
    [InlineData("submit-self-review", AppRoles.CellSecretary, Cell, "m03", Refused)]
    [InlineData("submit-self-review", AppRoles.Committee, Committee, null, Refused)]
    [InlineData("submit-self-review", AppRoles.Admin, null, null, Refused)]
    // Reading it: the member, or a reader whose subtree holds the cell.
    [InlineData("read-self-review", AppRoles.Member, Cell, "m01", AllowedOk)]
    [InlineData("read-self-review", AppRoles.Member, Cell, "m02", Refused)]
    [InlineData("read-self-review", AppRoles.CellSecretary, Cell, "m03", AllowedOk)]
    [InlineData("read-self-review", AppRoles.CellSecretary, OtherCell, "n01", Refused)]
    [InlineData("read-self-review", AppRoles.Committee, Committee, null, AllowedOk)]
    [InlineData("read-self-review", AppRoles.Committee, OtherCommittee, null, Refused)]
    [InlineData("read-self-review", AppRoles.Auditor, Board, null, AllowedOk)]
    [InlineData("read-self-review", AppRoles.Auditor, OtherGrassroots, null, Refused)]
    // The cell secretary's steps, in their own subtree only.
    [InlineData("collective-review", AppRoles.CellSecretary, Cell, "m03", Allowed400)]
    [InlineData("collective-review", AppRoles.CellSecretary, Grassroots, null, Allowed400)]
    [InlineData("collective-review", AppRoles.CellSecretary, OtherCell, "n01", Refused)]
    [InlineData("collective-review", AppRoles.Committee, Committee, null, Refused)]
    [InlineData("collective-review", AppRoles.Auditor, Cell, null, Refused)]
    [InlineData("collective-review", AppRoles.Member, Cell, "m01", Refused)]
    [InlineData("open-meeting", AppRoles.CellSecretary, OtherCell, "n01", AllowedOk)]
    [InlineData("open-meeting", AppRoles.CellSecretary, Cell, "m03", Refused)]
    [InlineData("open-meeting", AppRoles.Auditor, OtherCommittee, null, Refused)]
    [InlineData("open-meeting", AppRoles.Member, OtherCell, "n01", Refused)]
    [InlineData("record-meeting", AppRoles.CellSecretary, Cell, "m03", AllowedNotOpen)]
    [InlineData("record-meeting", AppRoles.CellSecretary, OtherCell, "n01", Refused)]
    [InlineData("record-meeting", AppRoles.Auditor, Committee, null, Refused)]
    [InlineData("record-meeting", AppRoles.Committee, Committee, null, Refused)]
    // The grassroots appraisal: committees above it decide, readers above it read.
    [InlineData("submit-appraisal", AppRoles.Committee, Committee, null, AllowedNotOpen)]
    [InlineData("submit-appraisal", AppRoles.Committee, Grassroots, null, AllowedNotOpen)]
    [InlineData("submit-appraisal", AppRoles.Committee, OtherCommittee, null, Refused)]
    [InlineData("submit-appraisal", AppRoles.OrganizationBoard, Board, null, Refused)]
    [InlineData("submit-appraisal", AppRoles.Auditor, Committee, null, Refused)]
    [InlineData("submit-appraisal", AppRoles.CellSecretary, Cell, "m03", Refused)]
    [InlineData("read-appraisal", AppRoles.Committee, Committee, null, AllowedOk)]
    [InlineData("read-appraisal", AppRoles.Committee, OtherCommittee, null, Refused)]
    [InlineData("read-appraisal", AppRoles.Auditor, Committee, null, AllowedOk)]
    [InlineData("read-appraisal", AppRoles.Auditor, OtherCommittee, null, Refused)]
    [InlineData("read-appraisal", AppRoles.CellSecretary, Cell, "m03", Refused)]
    [InlineData("read-appraisal", AppRoles.Member, Cell, "m01", Refused)]
    [InlineData("rate-organizations", AppRoles.Committee, Committee, null, AllowedNotOpen)]
    [InlineData("rate-organizations", AppRoles.OrganizationBoard, Board, null, AllowedNotOpen)]
    [InlineData("rate-organizations", AppRoles.Committee, OtherCommittee, null, Refused)]
    [InlineData("rate-organizations", AppRoles.Auditor, Board, null, Refused)]
    [InlineData("rate-organizations", AppRoles.CellSecretary, Cell, "m03", Refused)]
    [InlineData("recognition", AppRoles.Committee, Committee, null, AllowedOk)]
    [InlineData("recognition", AppRoles.OrganizationBoard, Board, null, AllowedOk)]
    [InlineData("recognition", AppRoles.Auditor, Grassroots, null, AllowedOk)]
    [InlineData("recognition", AppRoles.Committee, OtherCommittee, null, Refused)]
    [InlineData("recognition", AppRoles.CellSecretary, Cell, "m03", Refused)]
    [InlineData("recognition", AppRoles.Member, Cell, "m01", Refused)]
    [InlineData("re-rating", AppRoles.Committee, Committee, null, Allowed400)]
    [InlineData("re-rating", AppRoles.OrganizationBoard, Board, null, Allowed400)]
    [InlineData("re-rating", AppRoles.Committee, OtherCommittee, null, Refused)]
    [InlineData("re-rating", AppRoles.Auditor, Committee, null, Refused)]
    [InlineData("re-rating", AppRoles.CellSecretary, Cell, "m03", Refused)]
    [InlineData("re-rating", AppRoles.Member, Cell, "m01", Refused)]
    public async Task Endpoint_RoleAndSubtree_DecideWhoGetsThrough(string endpoint, string role, string? unit, string? memberId, int expected)
    {
        ReviewWorld world = await fixture.GetAsync(azurite);
        using HttpClient caller = world.As(role, unit, memberId);

        using HttpResponseMessage response = await caller.SendAsync(Request(endpoint));

        string body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == (int)response.StatusCode, $"{endpoint} as {role}@{unit}: {(int)response.StatusCode} {body}");
        if (expected != AllowedOk)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Endpoint_WithoutToken_Is401()
    {
        ReviewWorld world = await fixture.GetAsync(azurite);
        using HttpClient anonymous = world.App.Anonymous();

        using HttpResponseMessage response = await anonymous.SendAsync(Request("read-appraisal"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static HttpRequestMessage Request(string endpoint) => endpoint switch
    {
        "submit-self-review" => Post($"/api/cycles/{CycleId}/members/m01/self-review", new MultipartFormDataContent { { new StringContent("A.I text"), "A.I" } }),
        "read-self-review" => new HttpRequestMessage(HttpMethod.Get, $"/api/cycles/{CycleId}/members/m01/self-review"),
        "collective-review" => Post($"/api/cycles/{CycleId}/cells/{Cell}/collective-review", Json("""{"sections":{}}""")),
        "open-meeting" => Post($"/api/cycles/{CycleId}/cells/{OtherCell}/meeting/open", null),
        "record-meeting" => Post($"/api/cycles/{CycleId}/cells/{Cell}/meeting", Json("{}")),
        "submit-appraisal" => Post($"/api/cycles/{CycleId}/organizations/{Grassroots}/appraisal", Json("""{"finalize":true}""")),
        "read-appraisal" => new HttpRequestMessage(HttpMethod.Get, $"/api/cycles/{CycleId}/organizations/{Grassroots}/appraisal"),
        "rate-organizations" => Post($"/api/cycles/{CycleId}/committees/{Committee}/organization-ratings", Json("""{"levels":{}}""")),
        "recognition" => new HttpRequestMessage(HttpMethod.Get, $"/api/cycles/{CycleId}/units/{Grassroots}/recognition"),
        "re-rating" => Post("/api/members/m01/re-rating", Json("{}")),
        _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, null),
    };

    private static HttpRequestMessage Post(string path, HttpContent? content) => new(HttpMethod.Post, path) { Content = content };

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
