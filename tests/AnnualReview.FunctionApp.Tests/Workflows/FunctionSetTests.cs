using System.Reflection;
using AnnualReview.FunctionApp.Workflows;
using AnnualReview.Functions;
using AnnualReview.TaskHub;
using Microsoft.Azure.Functions.Worker;

namespace AnnualReview.FunctionApp.Tests.Workflows;

/// <summary>The Functions app and the standalone host run the same orchestrators and activities, name for name.</summary>
public sealed class FunctionSetTests
{
    private static readonly RegisteredTasks Standalone = new(AppServices.Registrations());

    private static IEnumerable<(string Name, MethodInfo Method)> Functions()
        => typeof(OrchestratorFunctions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
            .Select(m => (m.GetCustomAttribute<FunctionAttribute>()!.Name, m));

    private static SortedSet<string> Triggered<TTrigger>() where TTrigger : Attribute
        => new(Functions().Where(f => f.Method.GetParameters().Any(p => p.GetCustomAttribute<TTrigger>() is not null)).Select(f => f.Name), StringComparer.Ordinal);

    [Fact]
    public void OrchestratorFunctions_AreTheStandaloneRegistrysOrchestrators()
    {
        Assert.Equal(new SortedSet<string>(Standalone.Orchestrators, StringComparer.Ordinal), Triggered<OrchestrationTriggerAttribute>());
    }

    [Fact]
    public void ActivityFunctions_AreTheStandaloneRegistrysActivities()
    {
        Assert.Equal(new SortedSet<string>(Standalone.Activities, StringComparer.Ordinal), Triggered<ActivityTriggerAttribute>());
    }

    [Fact]
    public void EveryFunctionName_IsUsedOnce()
    {
        List<string> names = [.. Functions().Select(f => f.Name)];

        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void EveryOrchestratorFunction_HandsItsContextToTheSharedClass_ItsOnlyParameter()
    {
        foreach ((string name, MethodInfo method) in Functions().Where(f => f.Method.GetParameters().Any(p => p.GetCustomAttribute<OrchestrationTriggerAttribute>() is not null)))
        {
            ParameterInfo only = Assert.Single(method.GetParameters());
            Assert.True(only.ParameterType == typeof(Microsoft.DurableTask.TaskOrchestrationContext), name);
        }
    }
}
