namespace NasServerless.Trainer.IntegrationTests.Support;

/// <summary>
/// One in-memory Azurite (<see cref="AzuriteProcess"/>: free loopback ports, never skipped, stopped by PID) for the
/// whole test collection.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync(new TestLog());
        ConnectionString = _azurite.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null) await _azurite.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
