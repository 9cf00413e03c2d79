namespace AnnualReview.Durable;

/// <summary>
/// The orchestrators (by name and version) and activities (by name) a worker can run. An instance records
/// the version it started with and is only ever replayed by that version's code.
/// </summary>
public sealed class DurableTaskRegistry
{
    private readonly Dictionary<(string Name, string Version), Func<IServiceProvider, ITaskOrchestrator>> _orchestrators = new(new NameVersionComparer());
    private readonly Dictionary<string, string> _defaultVersions = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<IServiceProvider, ITaskActivity>> _activities = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Registers an orchestrator. The last version registered with <paramref name="isDefault"/> is used for new instances.</summary>
    public DurableTaskRegistry AddOrchestrator<T>(string? name = null, string version = "", bool isDefault = true)
        where T : class, ITaskOrchestrator, new()
        => AddOrchestrator(name ?? typeof(T).Name, version, _ => new T(), isDefault);

    public DurableTaskRegistry AddOrchestrator(string name, string version, Func<IServiceProvider, ITaskOrchestrator> factory, bool isDefault = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(version);
        _orchestrators[(name, version)] = factory;
        if (isDefault || !_defaultVersions.ContainsKey(name))
        {
            _defaultVersions[name] = version;
        }

        return this;
    }

    /// <summary>Registers an orchestrator written as a function, for small cases and tests.</summary>
    public DurableTaskRegistry AddOrchestratorFunc<TInput, TOutput>(string name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> run, string version = "")
        => AddOrchestrator(name, version, _ => new FuncOrchestrator<TInput, TOutput>(run));

    public DurableTaskRegistry AddActivity<T>(string? name = null)
        where T : class, ITaskActivity
        => AddActivity(name ?? typeof(T).Name, sp => (ITaskActivity)ActivatorHelper.Create(sp, typeof(T)));

    public DurableTaskRegistry AddActivity(string name, Func<IServiceProvider, ITaskActivity> factory)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _activities[name] = factory;
        return this;
    }

    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(string name, Func<TaskActivityContext, TInput, Task<TOutput>> run)
        => AddActivity(name, _ => new FuncActivity<TInput, TOutput>(run));

    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(string name, Func<TInput, TOutput> run)
        => AddActivity(name, _ => new FuncActivity<TInput, TOutput>((_, input) => Task.FromResult(run(input))));

    public string? DefaultVersion(string orchestratorName)
        => _defaultVersions.TryGetValue(orchestratorName, out string? version) ? version : null;

    public IEnumerable<string> VersionsOf(string orchestratorName)
        => _orchestrators.Keys.Where(k => string.Equals(k.Name, orchestratorName, StringComparison.OrdinalIgnoreCase)).Select(k => k.Version);

    internal ITaskOrchestrator? CreateOrchestrator(string name, string version, IServiceProvider services)
        => _orchestrators.TryGetValue((name, version), out var factory) ? factory(services) : null;

    internal ITaskActivity? CreateActivity(string name, IServiceProvider services)
        => _activities.TryGetValue(name, out var factory) ? factory(services) : null;

    private sealed class NameVersionComparer : IEqualityComparer<(string Name, string Version)>
    {
        public bool Equals((string Name, string Version) x, (string Name, string Version) y)
            => string.Equals(x.Name, y.Name, StringComparison.OrdinalIgnoreCase) && string.Equals(x.Version, y.Version, StringComparison.Ordinal);

        public int GetHashCode((string Name, string Version) obj)
            => HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Name), obj.Version);
    }

    private sealed class FuncOrchestrator<TInput, TOutput>(Func<TaskOrchestrationContext, TInput, Task<TOutput>> run)
        : TaskOrchestrator<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input) => run(context, input);
    }

    private sealed class FuncActivity<TInput, TOutput>(Func<TaskActivityContext, TInput, Task<TOutput>> run)
        : TaskActivity<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => run(context, input);
    }
}
