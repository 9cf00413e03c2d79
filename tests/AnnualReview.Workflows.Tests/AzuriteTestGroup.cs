using AnnualReview.Testing;

namespace AnnualReview.Workflows.Tests;

[CollectionDefinition("azurite")]
public sealed class AzuriteTestGroup : ICollectionFixture<AzuriteFixture>;
