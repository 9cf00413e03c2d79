using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnnualReview.Functions.Security;
using AnnualReview.Testing;
using static AnnualReview.Functions.Tests.Api.Reviews.ReviewWorld;
using static AnnualReview.Functions.Tests.Api.Reviews.SelfReviewEndpointsTests;

namespace AnnualReview.Functions.Tests.Api.Reviews;

/// <summary>The cell secretary's steps on their own: the collective review's checks, opening twice, voting on someone who has not submitted.</summary>
[Collection("azurite")]
public sealed class CellEndpointsTests(AzuriteFixture azurite, ReviewWorldFixture fixture) : IClassFixture<ReviewWorldFixture>
{
    private const string CellPath = $"/api/cycles/{CycleId}/cells/{OtherCell}";

    [Fact]
    public async Task CollectiveReview_Empty_Is400AndAWrittenOneIsVersioned()
    {
        ReviewWorld world = await fixture.GetAsync(azurite);
        using HttpClient secretary = world.As(AppRoles.CellSecretary, OtherCell, "n01");

        using HttpResponseMessage empty = await secretary.PostAsJsonAsync($"{CellPath}/collective-review", new { sections = new Dictionary<string, string> { ["A.I"] = " " } });
        using HttpResponseMessage first = await secretary.PostAsJsonAsync($"{CellPath}/collective-review", new { sections = new Dictionary<string, string> { ["A.I"] = "Bản nháp." } });
        using HttpResponseMessage second = await secretary.PostAsJsonAsync($"{CellPath}/collective-review", new { sections = new Dictionary<string, string> { ["A.I"] = "Bản hoàn chỉnh." } });

        await AssertProblemAsync(empty, HttpStatusCode.BadRequest, "validation", "sections");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(2, (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Meeting_TallyForAMemberWhoHasNotSubmitted_IsRefusedWithThatTally()
    {
        ReviewWorld world = await fixture.GetAsync(azurite);
        using HttpClient secretary = world.As(AppRoles.CellSecretary, OtherCell, "n01");
        using (HttpResponseMessage collective = await secretary.PostAsJsonAsync($"{CellPath}/collective-review", new { sections = new Dictionary<string, string> { ["A.I"] = "Báo cáo." } }))
        {
            Assert.Equal(HttpStatusCode.Created, collective.StatusCode);
        }

        using HttpResponseMessage refused = await secretary.PostAsJsonAsync($"{CellPath}/meeting", new
        {
            fullMembersConvened = 3,
            fullMembersPresent = 3,
            secretBallot = true,
            tallies = new[] { new { memberId = "n02", votes = new Dictionary<string, int> { ["Good"] = 3 } } },
        });

        JsonElement problem = await AssertProblemAsync(refused, HttpStatusCode.BadRequest, "validation", "tallies[0].memberId");
        Assert.Equal("NotSubmitted", problem.GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Meeting_ConveningTheExemptMember_Is422NamingFullMembersConvened()
    {
        ReviewWorld world = await fixture.GetAsync(azurite);
        using HttpClient secretary = world.As(AppRoles.CellSecretary, OtherCell, "n01", "en");
        using (HttpResponseMessage collective = await secretary.PostAsJsonAsync($"{CellPath}/collective-review", new { sections = new Dictionary<string, string> { ["A.I"] = "Báo cáo." } }))
        {
            Assert.Equal(HttpStatusCode.Created, collective.StatusCode);
        }

        // Four full members on the roster, but the exempt one takes no part: three can be convened.
        using HttpResponseMessage refused = await secretary.PostAsJsonAsync($"{CellPath}/meeting", new
        {
            fullMembersConvened = 4,
            fullMembersPresent = 3,
            secretBallot = true,
            tallies = Array.Empty<object>(),
        });

        JsonElement problem = await AssertProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "convened-exceeds-members", "fullMembersConvened");
        Assert.Contains("neither exempt nor suspended (3)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False((await world.StatusAsync(OtherCell, CancellationToken.None))!.Value.GetProperty("meetingOpen").GetBoolean());
    }

    [Fact]
    public async Task Meeting_AVoteThatIsNotANumber_NamesItsJsonPathAndNoDotNetType()
    {
        ReviewWorld world = await fixture.GetAsync(azurite);
        using HttpClient secretary = world.As(AppRoles.CellSecretary, OtherCell, "n01", "en");
        using (HttpResponseMessage collective = await secretary.PostAsJsonAsync($"{CellPath}/collective-review", new { sections = new Dictionary<string, string> { ["A.I"] = "Báo cáo." } }))
        {
            Assert.Equal(HttpStatusCode.Created, collective.StatusCode);
        }

        using HttpResponseMessage refused = await secretary.PostAsJsonAsync($"{CellPath}/meeting", new
        {
            fullMembersConvened = 3,
            fullMembersPresent = 3,
            secretBallot = true,
            tallies = new[] { new { memberId = "n01", votes = new Dictionary<string, string> { ["Good"] = "ba" } } },
        });

        JsonElement problem = await AssertProblemAsync(refused, HttpStatusCode.BadRequest, "malformed-body", "tallies[0].votes.Good");
        Assert.Equal("The value of tallies[0].votes.Good could not be read: expected a whole number.", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain("System.", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenMeeting_Twice_IsOpenBothTimes()
    {
        ReviewWorld world = await fixture.GetAsync(azurite);
        using HttpClient secretary = world.As(AppRoles.CellSecretary, Cell, "m01");

        using HttpResponseMessage first = await secretary.PostAsync($"/api/cycles/{CycleId}/cells/{Cell}/meeting/open", null);
        using HttpResponseMessage again = await secretary.PostAsync($"/api/cycles/{CycleId}/cells/{Cell}/meeting/open", null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("meetingOpen").GetBoolean());
        Assert.True((await world.StatusAsync(Cell, CancellationToken.None))!.Value.GetProperty("meetingOpen").GetBoolean());
    }
}
