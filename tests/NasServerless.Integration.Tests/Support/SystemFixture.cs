using NasServerless.Search.Spaces.NasBenchMacro;
using NasServerless.Testing;

namespace NasServerless.Integration.Tests.Support;

/// <summary>
/// For the whole collection: the host, trainer and nas-cli built once, the NAS-Bench-Macro table, and one running system
/// (Azurite + host + two lookup workers) shared by the API tests. Tests that kill processes start their own system.
/// </summary>
public sealed class SystemFixture : IAsyncLifetime
{
    private SearchSystem? _shared;

    public TestLog Log { get; } = new();

    public BuiltApps Apps { get; private set; } = null!;

    public NasBenchMacroTable Table { get; private set; } = null!;

    public SearchSystem Shared => _shared ?? throw new InvalidOperationException("the shared system did not start");

    public async Task InitializeAsync()
    {
        Table = NasBenchMacroTable.Load(RepositoryPaths.NasBenchMacroTable);
        Apps = await BuiltApps.BuildAsync(Log);
        _shared = await SearchSystem.StartAsync(Apps, Log, "shared", workers: 2);
    }

    public async Task DisposeAsync()
    {
        if (_shared is not null) await _shared.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<SystemFixture>
{
    public const string Name = "System";
}
