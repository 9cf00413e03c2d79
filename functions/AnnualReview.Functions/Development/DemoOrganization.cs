using AnnualReview.Assessment.Roster;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Development;

/// <summary>
/// With <c>Demo:Seed=true</c>, imports a small generated city
/// (a board, three committees, a few hundred members) unless its root is already there, so every restart of
/// <c>./run.sh</c> finds the same organization.
/// </summary>
public sealed class DemoOrganization(RosterStore roster, RosterService service, TimeProvider clock, IConfiguration configuration, ILogger<DemoOrganization> log) : IHostedService
{
    public const int Seed = 2025;
    public const int Members = 300;
    public const int Committees = 3;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!string.Equals(configuration["Demo:Seed"], "true", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        // Admission dates are counted back from the roster's date: today's, so nobody is admitted in the future.
        DateOnly today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        RosterSnapshot city = RosterGenerator.City(Seed, Members, Committees, today.AddDays(-1));
        if (await roster.GetUnitAsync(city.Units[0].Id, cancellationToken) is not null)
        {
            return;
        }

        RosterImportReport report = await service.ImportAsync(new RosterImportResult(true, city.Units, city.Members, []), cancellationToken);
        log.LogInformation("Demo organization imported: {Units} units, {Members} members.", report.Changes?.AddedUnits.Count, report.Changes?.AddedMembers.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
