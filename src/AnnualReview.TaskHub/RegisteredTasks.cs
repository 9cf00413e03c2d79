using Microsoft.DurableTask;

namespace AnnualReview.TaskHub;

/// <summary>The names the worker can run, as registered: the management API starts only registered orchestrators.</summary>
public sealed class RegisteredTasks
{
    public RegisteredTasks(Action<DurableTaskRegistry> register)
    {
        ArgumentNullException.ThrowIfNull(register);
        var registry = new DurableTaskRegistry();
        register(registry);
        Orchestrators = new HashSet<string>(registry.GetOrchestrators().Select(o => o.Key.Name), StringComparer.OrdinalIgnoreCase);
        Activities = new HashSet<string>(registry.GetActivities().Select(a => a.Key.Name), StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlySet<string> Orchestrators { get; }

    public IReadOnlySet<string> Activities { get; }
}
