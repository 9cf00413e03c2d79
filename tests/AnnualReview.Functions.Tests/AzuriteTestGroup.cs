using AnnualReview.Testing;

namespace AnnualReview.Functions.Tests;

[CollectionDefinition("azurite")]
public sealed class AzuriteTestGroup : ICollectionFixture<AzuriteFixture>;
