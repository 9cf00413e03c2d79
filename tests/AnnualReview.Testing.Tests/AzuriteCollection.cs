using System.Diagnostics.CodeAnalysis;

namespace AnnualReview.Testing.Tests;

/// <summary>xUnit finds collection definitions only in the test assembly, so this project declares its own.</summary>
[CollectionDefinition("azurite")]
[SuppressMessage("Naming", "CA1711", Justification = "An xUnit collection definition, named as xUnit names them.")]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;
