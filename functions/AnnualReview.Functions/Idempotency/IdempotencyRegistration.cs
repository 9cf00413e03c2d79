using Azure.Data.Tables;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Idempotency;

public static class IdempotencyRegistration
{
    /// <summary>The key table sits next to the assessment's tables, in the same account and under the same prefix.</summary>
    public static IServiceCollection AddIdempotency(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(IdempotencyOptions.From(configuration));
        services.AddSingleton<AnnualReview.Functions.Periodic.IPeriodicWork, IdempotencyKeySweep>();
        services.AddSingleton(_ =>
        {
            AssessmentStorageOptions storage = StorageSettings.From(configuration).ToAssessmentOptions(configuration["StoragePrefix"] ?? "review");
            string name = storage.Prefix + "Idempotency";
            TableClient table = storage.ConnectionString is not null
                ? new TableClient(storage.ConnectionString, name)
                : new TableClient(storage.TableServiceUri!, name, storage.Credential!);
            return new IdempotencyStore(table);
        });
        return services;
    }

    public static IApplicationBuilder UseIdempotency(this IApplicationBuilder app) => app.UseMiddleware<IdempotencyMiddleware>();
}
