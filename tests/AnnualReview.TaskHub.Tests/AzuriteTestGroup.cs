using AnnualReview.Testing;

namespace AnnualReview.TaskHub.Tests;

[CollectionDefinition("azurite")]
public sealed class AzuriteTestGroup : ICollectionFixture<AzuriteFixture>;
