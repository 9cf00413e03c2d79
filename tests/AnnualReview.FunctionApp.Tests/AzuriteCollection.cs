using System.Diagnostics.CodeAnalysis;
using AnnualReview.Testing;

namespace AnnualReview.FunctionApp.Tests;

[CollectionDefinition("azurite")]
[SuppressMessage("Naming", "CA1711", Justification = "An xUnit collection definition.")]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;
