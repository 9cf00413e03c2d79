namespace AnnualReview.Bench;

/// <summary>Every figure of a run; a scenario that did not run (or failed) leaves its figures null.</summary>
internal sealed class BenchResults
{
    /// <summary>The task hub's knobs the run used, so a line of figures says what it measured.</summary>
    public required int Partitions { get; init; }

    public required double MaxPollingMs { get; init; }

    public required bool ExtendedSessions { get; init; }

    public int? HelloOrchestrations { get; set; }

    public double? OrchestrationsPerSecond { get; set; }

    public double? ActivitiesPerSecond { get; set; }

    /// <summary>All calls except empty queue receives, per activity step.</summary>
    public double? StorageCallsPerActivity { get; set; }

    public double? StorageCallsPerOrchestration { get; set; }

    public double? StorageCallsPerActivityIncludingEmptyPolls { get; set; }

    public double? StorageCallsPerActivityExcludingAllEmptyReads { get; set; }

    /// <summary>The history sealer's calls per activity step: included in the figures above (the app runs it beside DTFx).</summary>
    public double? SealerStorageCallsPerActivity { get; set; }

    /// <summary>How long after an event it is sealed (hello's instances): the sealing interval plus the sweep's work.</summary>
    public double? SealDelayP50Ms { get; set; }

    public double? SealDelayP99Ms { get; set; }

    public double? SealDelayMaxMs { get; set; }

    public int? FanOutOrchestrations { get; set; }

    public double? FanOutActivitiesPerSecond { get; set; }

    public double? FanOutStorageCallsPerActivity { get; set; }

    public int? EventInstances { get; set; }

    public double? EventLatencyP50Ms { get; set; }

    public double? EventLatencyP99Ms { get; set; }

    /// <summary>Raised through a client of another orchestration service, as another process would.</summary>
    public double? EventLatencyFromOtherClientP50Ms { get; set; }

    public double? EventLatencyFromOtherClientP99Ms { get; set; }

    public int? TimerInstances { get; set; }

    public double? TimerLatenessP50Ms { get; set; }

    public double? TimerLatenessP99Ms { get; set; }

    public double? TimerLatenessMaxMs { get; set; }

    public int? IdleInstances { get; set; }

    public double? IdleWorkingSetMb { get; set; }

    public double? IdleManagedHeapMb { get; set; }

    public double? IdleBaselineWorkingSetMb { get; set; }

    public double? IdleStartsPerSecond { get; set; }

    public double? AzuriteRawOpsPerSecond { get; set; }

    public double? AzuriteRawQueueCyclesPerSecond { get; set; }

    public int EngineWarnings { get; set; }

    public List<string> FailedScenarios { get; } = [];
}
