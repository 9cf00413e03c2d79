using AnnualReview.Testing;

namespace AnnualReview.Durable.Tests;

/// <summary>One Azurite for the whole assembly; each test uses its own task hub.</summary>
[CollectionDefinition("azurite")]
public sealed class AzuriteTestGroup : ICollectionFixture<AzuriteFixture>;
