using NasServerless.Search.Spaces.NasBenchMacro;
using NasServerless.Testing;

namespace NasServerless.Orchestration.Tests.Support;

/// <summary>One in-memory Azurite and the NAS-Bench-Macro table for the whole test collection; every test uses its own search ids.</summary>
public sealed class StorageFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    public TestLog Log { get; } = new();

    public string ConnectionString => (_azurite ?? throw new InvalidOperationException("Azurite is not started")).ConnectionString;

    public NasBenchMacroTable Table { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Table = NasBenchMacroTable.Load(RepositoryPaths.NasBenchMacroTable);
        _azurite = await AzuriteProcess.StartAsync(Log);
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null) await _azurite.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class StorageCollection : ICollectionFixture<StorageFixture>
{
    public const string Name = "Azurite";
}
