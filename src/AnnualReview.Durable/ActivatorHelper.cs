using Microsoft.Extensions.DependencyInjection;

namespace AnnualReview.Durable;

internal static class ActivatorHelper
{
    /// <summary>Builds an activity with its constructor dependencies from the container.</summary>
    public static object Create(IServiceProvider services, Type type) => ActivatorUtilities.CreateInstance(services, type);
}
