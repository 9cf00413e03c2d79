using AnnualReview.Durable.Client;
using AnnualReview.Durable.History;
using AnnualReview.Durable.Replay;

namespace AnnualReview.Durable.Tests.Replay;

/// <summary>Replay without storage: history in, actions out.</summary>
public sealed class OrchestrationExecutorTests
{
    private static readonly DateTime T0 = new(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc);
    private static readonly ExecutionInfo Info = new("cell-42", "exec-1", "Review", "");

    private static HistoryEvent Started(object? input = null) => new()
    {
        Type = HistoryEventType.ExecutionStarted,
        Name = "Review",
        Input = DataConverter.Serialize(input),
        Timestamp = T0,
    };

    private static HistoryEvent Step(int minutes) => new() { Type = HistoryEventType.OrchestratorStarted, Timestamp = T0.AddMinutes(minutes) };

    private static HistoryEvent Scheduled(int id, string name) => new() { Type = HistoryEventType.TaskScheduled, EventId = id, Name = name, Timestamp = T0 };

    private static HistoryEvent Completed(int id, object? result) => new() { Type = HistoryEventType.TaskCompleted, TaskScheduledId = id, Result = DataConverter.Serialize(result) };

    private static HistoryEvent Raised(string name, object? value) => new() { Type = HistoryEventType.EventRaised, Name = name, Input = DataConverter.Serialize(value) };

    private static ITaskOrchestrator TwoSteps() => new Func<TaskOrchestrationContext, string, Task<string>>(async (ctx, who) =>
    {
        string a = await ctx.CallActivityAsync<string>("Draft", who);
        string b = await ctx.CallActivityAsync<string>("Submit", a);
        return b;
    }).AsOrchestrator();

    [Fact]
    public void Execute_NewInstance_SchedulesTheFirstActivityOnly()
    {
        ExecutionResult result = OrchestrationExecutor.Execute(Info, TwoSteps(), [], [Step(0), Started("An")]);

        HistoryEvent action = Assert.Single(result.NewActions);
        Assert.Equal(HistoryEventType.TaskScheduled, action.Type);
        Assert.Equal("Draft", action.Name);
        Assert.Equal(0, action.EventId);
        Assert.Equal("\"An\"", action.Input);
        Assert.Null(result.CompletionStatus);
    }

    [Fact]
    public void Execute_FirstActivityCompleted_ReplaysItAndSchedulesTheSecond()
    {
        List<HistoryEvent> past = [Step(0), Started("An"), Scheduled(0, "Draft")];
        ExecutionResult result = OrchestrationExecutor.Execute(Info, TwoSteps(), past, [Step(5), Completed(0, "draft of An")]);

        HistoryEvent action = Assert.Single(result.NewActions);
        Assert.Equal("Submit", action.Name);
        Assert.Equal(1, action.EventId);
        Assert.Equal("\"draft of An\"", action.Input);
        Assert.Equal(T0.AddMinutes(5), action.Timestamp);
    }

    [Fact]
    public void Execute_LastActivityCompleted_CompletesWithItsResult()
    {
        List<HistoryEvent> past = [Step(0), Started("An"), Scheduled(0, "Draft"), Step(5), Completed(0, "d"), Scheduled(1, "Submit")];
        ExecutionResult result = OrchestrationExecutor.Execute(Info, TwoSteps(), past, [Step(9), Completed(1, "submitted")]);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.CompletionStatus);
        Assert.Equal("\"submitted\"", result.Output);
        Assert.Empty(result.NewActions);
    }

    [Fact]
    public void Execute_CodeCallsADifferentActivity_FailsNamingThePositionExpectedAndActual()
    {
        List<HistoryEvent> past = [Step(0), Started("An"), Scheduled(0, "Draft"), Step(5), Completed(0, "d"), Scheduled(1, "Approve")];
        ExecutionResult result = OrchestrationExecutor.Execute(Info, TwoSteps(), past, [Step(9), Completed(1, "x")]);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.CompletionStatus);
        Assert.NotNull(result.Failure);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, result.Failure.ErrorType);
        Assert.Contains("position 1", result.Failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("'Approve'", result.Failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("'Submit'", result.Failure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Execute_HistoryHasATimerTheCodeNoLongerCreates_FailsAsNondeterministic()
    {
        ITaskOrchestrator noTimer = new Func<TaskOrchestrationContext, string, Task<string>>(
            async (ctx, _) => await ctx.CallActivityAsync<string>("Draft")).AsOrchestrator();
        HistoryEvent timer = new() { Type = HistoryEventType.TimerCreated, EventId = 0, FireAt = T0.AddDays(3), Timestamp = T0 };

        ExecutionResult result = OrchestrationExecutor.Execute(Info, noTimer, [Step(0), Started("An"), timer], [Step(1)]);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.CompletionStatus);
        Assert.Contains("TimerCreated #0", result.Failure!.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("TaskScheduled 'Draft' #0", result.Failure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Execute_EventArrivesBeforeTheWait_IsKeptAndDeliveredInArrivalOrder()
    {
        ITaskOrchestrator waitsLater = new Func<TaskOrchestrationContext, string, Task<int[]>>(async (ctx, _) =>
        {
            await ctx.CallActivityAsync<string>("Draft");
            int first = await ctx.WaitForExternalEvent<int>("vote");
            int second = await ctx.WaitForExternalEvent<int>("vote");
            return [first, second];
        }).AsOrchestrator();
        List<HistoryEvent> past = [Step(0), Started("An"), Scheduled(0, "Draft"), Step(1), Raised("vote", 7), Step(2), Raised("vote", 9)];

        ExecutionResult result = OrchestrationExecutor.Execute(Info, waitsLater, past, [Step(3), Completed(0, "d")]);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.CompletionStatus);
        Assert.Equal("[7,9]", result.Output);
    }

    [Fact]
    public void Execute_EventAfterTheWait_CompletesTheWait()
    {
        ITaskOrchestrator waits = new Func<TaskOrchestrationContext, string, Task<string>>(
            async (ctx, _) => await ctx.WaitForExternalEvent<string>("meeting-recorded")).AsOrchestrator();

        ExecutionResult waiting = OrchestrationExecutor.Execute(Info, waits, [], [Step(0), Started()]);
        ExecutionResult done = OrchestrationExecutor.Execute(Info, waits, [Step(0), Started()], [Step(1), Raised("meeting-recorded", "ok")]);

        Assert.Null(waiting.CompletionStatus);
        Assert.Empty(waiting.NewActions);
        Assert.Equal("\"ok\"", done.Output);
    }

    [Fact]
    public void Execute_TimeComesFromHistory_NotTheWallClock()
    {
        ITaskOrchestrator clock = new Func<TaskOrchestrationContext, string, Task<DateTime>>(async (ctx, _) =>
        {
            await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddDays(30), CancellationToken.None);
            return ctx.CurrentUtcDateTime;
        }).AsOrchestrator();
        HistoryEvent timer = new() { Type = HistoryEventType.TimerCreated, EventId = 0, FireAt = T0.AddDays(30), Timestamp = T0 };
        HistoryEvent fired = new() { Type = HistoryEventType.TimerFired, TaskScheduledId = 0, FireAt = T0.AddDays(30) };

        ExecutionResult first = OrchestrationExecutor.Execute(Info, clock, [], [Step(0), Started()]);
        ExecutionResult done = OrchestrationExecutor.Execute(Info, clock, [Step(0), Started(), timer], [new HistoryEvent { Type = HistoryEventType.OrchestratorStarted, Timestamp = T0.AddDays(30).AddSeconds(1) }, fired]);

        Assert.Equal(T0.AddDays(30), Assert.Single(first.NewActions).FireAt);
        Assert.Equal(DataConverter.Serialize(T0.AddDays(30).AddSeconds(1)), done.Output);
    }

    [Fact]
    public void Execute_NewGuid_IsTheSameOnEveryReplay()
    {
        ITaskOrchestrator guids = new Func<TaskOrchestrationContext, string, Task<string>>(async (ctx, _) =>
        {
            Guid id = ctx.NewGuid();
            await ctx.CallActivityAsync<string>("Use", id);
            return id.ToString();
        }).AsOrchestrator();

        ExecutionResult first = OrchestrationExecutor.Execute(Info, guids, [], [Step(0), Started()]);
        HistoryEvent scheduled = Assert.Single(first.NewActions);
        ExecutionResult replay = OrchestrationExecutor.Execute(Info, guids, [Step(0), Started(), scheduled], [Step(1), Completed(0, null)]);

        Assert.Equal(scheduled.Input, DataConverter.Serialize(Guid.Parse(DataConverter.Deserialize<string>(replay.Output)!)));
    }

    [Fact]
    public void Execute_ActivityFailure_SurfacesAsTaskFailedExceptionInTheCode()
    {
        ITaskOrchestrator catches = new Func<TaskOrchestrationContext, string, Task<string>>(async (ctx, _) =>
        {
            try
            {
                await ctx.CallActivityAsync<string>("Send");
                return "sent";
            }
            catch (TaskFailedException failure)
            {
                return failure.FailureDetails.ErrorMessage;
            }
        }).AsOrchestrator();
        HistoryEvent failed = new() { Type = HistoryEventType.TaskFailed, TaskScheduledId = 0, Failure = new TaskFailureDetails("SmtpException", "mailbox full") };

        ExecutionResult result = OrchestrationExecutor.Execute(Info, catches, [Step(0), Started(), Scheduled(0, "Send")], [Step(1), failed]);

        Assert.Equal("\"mailbox full\"", result.Output);
    }

    [Fact]
    public void Execute_CustomStatusAndReplaySafeLogging_ReflectOnlyTheLatestRun()
    {
        var logged = new List<string>();
        ITaskOrchestrator staged = new Func<TaskOrchestrationContext, string, Task<string>>(async (ctx, _) =>
        {
            ctx.SetCustomStatus(new { stage = "self-review" });
            if (!ctx.IsReplaying)
            {
                logged.Add("self-review");
            }

            await ctx.CallActivityAsync<string>("Draft");
            ctx.SetCustomStatus(new { stage = "cell-vote" });
            if (!ctx.IsReplaying)
            {
                logged.Add("cell-vote");
            }

            await ctx.WaitForExternalEvent<string>("vote");
            return "done";
        }).AsOrchestrator();

        ExecutionResult result = OrchestrationExecutor.Execute(Info, staged, [Step(0), Started(), Scheduled(0, "Draft")], [Step(1), Completed(0, null)]);

        Assert.Equal("{\"stage\":\"cell-vote\"}", result.CustomStatus);
        Assert.Equal(["cell-vote"], logged);
    }
}

internal static class OrchestratorFuncs
{
    public static ITaskOrchestrator AsOrchestrator<TInput, TOutput>(this Func<TaskOrchestrationContext, TInput, Task<TOutput>> run)
        => new Wrapped<TInput, TOutput>(run);

    private sealed class Wrapped<TInput, TOutput>(Func<TaskOrchestrationContext, TInput, Task<TOutput>> run) : TaskOrchestrator<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input) => run(context, input);
    }
}
