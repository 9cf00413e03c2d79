using System.Net.Http.Headers;
using System.Text.Json;
using AnnualReview.Assessment.Cycle;
using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Roster;
using Microsoft.DurableTask.Client;
using AnnualReview.Testing;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace AnnualReview.Functions.Tests.Api.Reviews;

/// <summary>
/// The real app with a small city imported and the 2025 cycle started, its clock pinned to 2 December 2025 (real
/// speed from there, so no deadline falls during a test). Two branches, so every check has an outside: Quận 1
/// with a cell of five full members and one probationary, and Quận 3 with a cell of three full members in
/// activity, one exempt and one admitted in September.
/// </summary>
public sealed class ReviewWorld : IAsyncDisposable
{
    public const string CycleId = "cycle-2025-hcm";
    public const string Board = "hcm";
    public const string Committee = "q1";
    public const string Grassroots = "q1-g1";
    public const string Cell = "q1-g1-c1";
    public const string OtherCommittee = "q3";
    public const string OtherGrassroots = "q3-g1";
    public const string OtherCell = "q3-g1-c1";

    /// <summary>In the Quận 3 cell: a full member exempt from party activities (neither reviewed nor rated).</summary>
    public const string ExemptMember = "n04";

    /// <summary>In the Quận 3 cell: admitted on 1 September 2025, under 6 months before the year's end (reviewed, not rated).</summary>
    public const string NewMember = "n05";

    private ReviewWorld(TestApp app)
    {
        App = app;
    }

    public TestApp App { get; }

    public static IReadOnlyList<string> CellMembers { get; } = ["m01", "m02", "m03", "m04", "m05", "m06"];

    public static async Task<ReviewWorld> StartAsync(AzuriteFixture azurite, CancellationToken cancellation)
    {
        TestApp app = await TestApp.StartAsync(azurite, cancellation, [new("Clock:Start", "2025-12-02T02:00:00Z"), new("Clock:Scale", "1")]);
        try
        {
            RosterImportReport import = await app.Services.GetRequiredService<RosterService>().ImportAsync(Roster(), cancellation);
            Assert.True(import.Imported, string.Join("; ", import.Errors));
            CycleStartResult started = await app.Services.GetRequiredService<CycleStarter>().StartAsync(Definition(), CycleId, cancellation);
            Assert.True(started.Started, string.Join("; ", started.Errors));
            var world = new ReviewWorld(app);
            await world.WaitForStageAsync(Cell, "self-review", cancellation);
            await world.WaitForStageAsync(OtherCell, "self-review", cancellation);
            return world;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public static RosterImportResult Roster() => new(
        true,
        [
            new Unit(Board, "Thành ủy TP.HCM", UnitKind.OrganizationBoard, null),
            new Unit(Committee, "Quận ủy Quận 1", UnitKind.Committee, Board),
            new Unit(Grassroots, "Đảng bộ phường Bến Nghé", UnitKind.GrassrootsOrganization, Committee),
            new Unit(Cell, "Chi bộ khu phố 1", UnitKind.Cell, Grassroots),
            new Unit(OtherCommittee, "Quận ủy Quận 3", UnitKind.Committee, Board),
            new Unit(OtherGrassroots, "Đảng bộ phường Võ Thị Sáu", UnitKind.GrassrootsOrganization, OtherCommittee),
            new Unit(OtherCell, "Chi bộ khu phố 5", UnitKind.Cell, OtherGrassroots),
        ],
        [
            .. Enumerable.Range(1, 5).Select(i => new Member($"m{i:D2}", $"Đảng viên {i:D2}", Cell, MembershipKind.Full, new DateOnly(2015, 3, i))),
            new Member("m06", "Đảng viên dự bị 06", Cell, MembershipKind.Probationary, new DateOnly(2025, 3, 1)),
            .. Enumerable.Range(1, 3).Select(i => new Member($"n{i:D2}", $"Đảng viên Quận 3 {i:D2}", OtherCell, MembershipKind.Full, new DateOnly(2012, 5, i))),
            new Member(ExemptMember, "Đảng viên được miễn sinh hoạt", OtherCell, MembershipKind.Full, new DateOnly(1980, 5, 1)) { Standing = MemberStanding.Exempt },
            new Member(NewMember, "Đảng viên mới kết nạp", OtherCell, MembershipKind.Probationary, new DateOnly(2025, 9, 1)),
        ],
        []);

    public static CycleDefinition Definition() => new(
        2025,
        Board,
        "QD366-2025",
        new StepDueDates(new DateOnly(2025, 12, 10), new DateOnly(2025, 12, 18), new DateOnly(2025, 12, 26), new DateOnly(2025, 12, 31), new DateOnly(2026, 2, 1)),
        new DateOnly(2026, 2, 1));

    public HttpClient As(string role, string? unitId, string? memberId = null, string? language = null) => App.As(role, unitId, memberId, language);

    public async Task<JsonElement?> StatusAsync(string unitId, CancellationToken cancellation)
    {
        OrchestrationMetadata? metadata = await App.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(CycleInstanceIds.Unit(CycleId, unitId), cancellation: cancellation);
        return metadata?.SerializedCustomStatus is { } json ? JsonDocument.Parse(json).RootElement.Clone() : null;
    }

    public async Task WaitForStageAsync(string unitId, string stage, CancellationToken cancellation)
        => await WaitUntilAsync(async () => (await StatusAsync(unitId, cancellation)) is { } status
            && status.TryGetProperty("stage", out JsonElement s) && s.GetString() == stage, cancellation);

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, CancellationToken cancellation)
    {
        while (!await condition())
        {
            await Task.Delay(50, cancellation);
        }
    }

    /// <summary>A multipart self-review: the four required sections of part A, the self-rating and the given files.</summary>
    public static MultipartFormDataContent SelfReview(string selfRating = "Good", params (string Name, byte[] Content, string DeclaredType)[] files)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(JsonSerializer.Serialize(Sections())), "sections" },
            { new StringContent(selfRating), "selfRating" },
        };
        foreach (var (name, content, declared) in files)
        {
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = MediaTypeHeaderValue.Parse(declared);
            form.Add(file, "attachments", name);
        }

        return form;
    }

    public static Dictionary<string, string> Sections() => new()
    {
        ["A.I"] = "Hoàn thành tốt nhiệm vụ được giao.",
        ["A.II"] = "Còn chậm trong một số việc.",
        ["A.III"] = "Đã khắc phục các hạn chế năm trước.",
        ["A.VI"] = "Khắc phục trong năm tới.",
    };

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

/// <summary>One <see cref="ReviewWorld"/> per test class, started by the first test that asks for it (a class's tests run one at a time).</summary>
public sealed class ReviewWorldFixture : IAsyncLifetime
{
    private readonly Lock _gate = new();
    private Task<ReviewWorld>? _world;

    public Task<ReviewWorld> GetAsync(AzuriteFixture azurite)
    {
        lock (_gate)
        {
            return _world ??= ReviewWorld.StartAsync(azurite, TestTimeout.For(TimeSpan.FromSeconds(90)));
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_world is { IsCompletedSuccessfully: true })
        {
            await (await _world).DisposeAsync();
        }
    }
}
