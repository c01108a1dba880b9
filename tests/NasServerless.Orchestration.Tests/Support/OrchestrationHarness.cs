using Azure.Storage.Queues;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using NasServerless.Orchestration.Clients;
using NasServerless.Orchestration.Definitions;
using NasServerless.Orchestration.Engine;
using NasServerless.Orchestration.State;
using NasServerless.Search.Evolution;
using NasServerless.Search.Spaces.NasBenchMacro;
using NasServerless.Testing;
using Xunit.Abstractions;

namespace NasServerless.Orchestration.Tests.Support;

/// <summary>
/// One test's durable runtime: the in-memory <see cref="DurableTaskTestHost"/> running the real orchestrators and
/// activities (<see cref="OrchestrationServiceCollectionExtensions.AddSearchTasks"/>) over the real search services on
/// Azurite, the production <see cref="DurableTaskClientAdapter"/>, and a <see cref="FakeTrainer"/>. Logs go to the test.
/// </summary>
public sealed class OrchestrationHarness : IAsyncDisposable
{
    private static readonly NasBenchMacroSpace Space = new();
    private readonly DurableTaskTestHost _host;
    private readonly IDisposable _attached;

    private OrchestrationHarness(DurableTaskTestHost host, FakeTrainer trainer, IDisposable attached)
    {
        _host = host;
        Trainer = trainer;
        _attached = attached;
    }

    public DurableTaskClient Client => _host.Client;

    public ISearchOrchestrationClient SearchClient => _host.Services.GetRequiredService<ISearchOrchestrationClient>();

    public SearchStore Store => _host.Services.GetRequiredService<SearchStore>();

    public FakeTrainer Trainer { get; }

    static OrchestrationHarness()
    {
        // The test host's gRPC sidecar logs every request to the console at Information; its default host builder reads these.
        Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
        Environment.SetEnvironmentVariable("Logging__LogLevel__Microsoft", "Warning");
    }

    public static async Task<OrchestrationHarness> StartAsync(StorageFixture storage, ITestOutputHelper output)
    {
        var log = new TestLog();
        var attached = log.Attach(output);
        var loggers = TestLoggerProvider.CreateFactory(log, "host");
        var host = await DurableTaskTestHost.StartAsync(
            registry => registry.AddSearchTasks(),
            new DurableTaskTestHostOptions
            {
                Port = FreePorts.Take(1)[0],
                LoggerFactory = loggers,
                ConfigureServices = services =>
                {
                    services.AddSearchServices().AddSearchApi();
                    services.PostConfigure<StorageOptions>(o => o.ConnectionString = storage.ConnectionString);
                    services.AddSingleton<ISearchOrchestrationClient>(sp => new DurableTaskClientAdapter(sp.GetRequiredService<DurableTaskClient>()));
                },
            });
        var store = host.Services.GetRequiredService<SearchStore>();
        await store.EnsureContainersAsync();
        var trainer = new FakeTrainer(host.Services.GetRequiredService<QueueServiceClient>(), store, host.Services.GetRequiredService<TrainingResultRelay>(), storage.Table, log);
        return new OrchestrationHarness(host, trainer, attached);
    }

    /// <summary>A NAS-Bench-Macro search definition for tests: small, seeded, zero-time lookups.</summary>
    public static SearchDefinition Definition(int islands = 1, int populationSize = 4, int generations = 0, long seed = 7, int timeoutSeconds = 30, int maxAttempts = 3) => new()
    {
        SearchSpace = SearchSpaces.NasBenchMacro,
        Dataset = "cifar-10",
        Evolution = new EvolutionOptions { Islands = islands, PopulationSize = populationSize, Generations = generations, Seed = seed },
        Dispatch = new DispatchOptions { TimeoutSeconds = timeoutSeconds, MaxAttempts = maxAttempts },
    };

    /// <summary>Stores a definition under a new search id (registered with the fake trainer) and returns the id.</summary>
    public async Task<string> CreateSearchAsync(SearchDefinition definition, Func<NasServerless.Contracts.TrainingJob, FakeReply>? policy = null)
    {
        var searchId = Guid.NewGuid().ToString("N");
        await Store.SaveDefinitionAsync(searchId, definition);
        Trainer.Register(searchId, policy);
        return searchId;
    }

    /// <summary>A hand-written plan for generation 0, so a test decides which candidates are new, known or shared.</summary>
    public Task SavePlanAsync(string searchId, params PlannedCandidateDocument[][] islands) =>
        Store.SavePlanAsync(searchId, new GenerationPlanDocument(0, islands.Select(i => (IReadOnlyList<PlannedCandidateDocument>)i).ToList()));

    public static PlannedCandidateDocument Candidate(string architecture, CandidateDisposition disposition, int owner) =>
        new(architecture, Space.ToJson(new MacroArchitecture(architecture)), disposition, owner);

    /// <summary>Waits (bounded) for the instance to finish and returns its metadata with inputs and outputs.</summary>
    public async Task<OrchestrationMetadata> WaitForCompletionAsync(string instanceId, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cancel.Token);
        }
        catch (OperationCanceledException)
        {
            var state = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
            throw new TimeoutException($"{instanceId} did not finish within {timeout.TotalSeconds:F0} s; it is {state?.RuntimeStatus.ToString() ?? "unknown"} with status {state?.SerializedCustomStatus}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Trainer.DisposeAsync();
        await _host.DisposeAsync();
        _attached.Dispose();
    }
}
