using Xunit;

namespace AnnualReview.Testing;

/// <summary>
/// One <see cref="AzuriteServer"/> shared by every test of a collection: the emulator named by
/// <c>ANNUALREVIEW_STORAGE</c> when that is set, otherwise an Azurite process started for the collection and
/// stopped after it.
/// </summary>
/// <remarks>
/// xUnit only finds collection definitions in the test assembly itself, so this library cannot declare one.
/// Each test project that uses the fixture declares its own:
/// <code>
/// [CollectionDefinition("azurite")]
/// [SuppressMessage("Naming", "CA1711", Justification = "An xUnit collection definition.")]
/// public sealed class AzuriteCollection : ICollectionFixture&lt;AzuriteFixture&gt;;
/// </code>
/// and marks its test classes with <c>[Collection("azurite")]</c>, taking an <see cref="AzuriteFixture"/> in the
/// constructor. Tests in one collection run one after another; give each test its own task hub name
/// (<see cref="AzuriteServer.NewTaskHubName"/>) so tests never see each other's tables, queues or containers.
/// </remarks>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteServer? _server;

    /// <summary>The running emulator. Available once xUnit has initialized the fixture.</summary>
    public AzuriteServer Server =>
        _server ?? throw new InvalidOperationException("The Azurite fixture has not been initialized yet.");

    /// <summary>The storage connection string of <see cref="Server"/>.</summary>
    public string ConnectionString => Server.ConnectionString;

    /// <inheritdoc />
    public async Task InitializeAsync() => _server = await AzuriteServer.StartAsync().ConfigureAwait(false);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
            _server = null;
        }
    }
}
