using Microsoft.DurableTask.Client;
using NasServerless.Orchestration.Messages;
using NasServerless.Orchestration.Orchestrators;
using NasServerless.Orchestration.State;
using NasServerless.Orchestration.Tests.Support;
using NasServerless.Search.Evolution;
using Xunit.Abstractions;

namespace NasServerless.Orchestration.Tests.Orchestrators;

/// <summary>
/// Island generations over a hand-written generation-0 plan (the planner keeps a stored plan), so each test decides
/// which candidates are new, already known in the search, or bred by two islands.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class IslandGenerationOrchestratorTests(StorageFixture storage, ITestOutputHelper output) : IAsyncLifetime
{
    private OrchestrationHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await OrchestrationHarness.StartAsync(storage, output);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task IslandGeneration_KnownCandidate_ReusesItsResultWithoutQueuingAJob()
    {
        var searchId = await _harness.CreateSearchAsync(OrchestrationHarness.Definition(islands: 1, populationSize: 3));
        await _harness.SavePlanAsync(searchId,
        [
            OrchestrationHarness.Candidate("11110000", CandidateDisposition.New, owner: 0),
            OrchestrationHarness.Candidate("22220000", CandidateDisposition.Known, owner: -1),
            OrchestrationHarness.Candidate("00001111", CandidateDisposition.New, owner: 0),
        ]);
        // The known architecture's result, as an earlier generation left it (metrics no lookup would give).
        await _harness.Store.TryWriteResultAsync(new NasServerless.Contracts.TrainingResult
        {
            SearchId = searchId, CandidateId = "22220000", ValidationAccuracy = 0.5, Parameters = 123, Flops = 456, Worker = "earlier-generation",
        });

        await _harness.Client.ScheduleNewOrchestrationInstanceAsync(nameof(SearchOrchestrator), new SearchOrchestratorInput(searchId), new Microsoft.DurableTask.StartOrchestrationOptions(searchId));
        var done = await _harness.WaitForCompletionAsync(searchId, TimeSpan.FromSeconds(30));
        await _harness.Trainer.DrainAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(["00001111", "11110000"], _harness.Trainer.JobsOf(searchId).Select(j => j.CandidateId).Order());
        Assert.Null(await _harness.Client.GetInstanceAsync(InstanceIds.Candidate(searchId, 0, 0, "22220000")));
        var population = await _harness.Store.GetPopulationAsync(SearchPaths.Population(searchId, 0, 0));
        var known = Assert.Single(population, m => m.Id == "22220000");
        Assert.Equal((0.5, 123L, 456L), (known.Evaluation.Accuracy, known.Evaluation.Parameters, known.Evaluation.Flops));
    }

    [Fact]
    public async Task IslandGeneration_CandidateBredByTwoIslands_IsDispatchedOnceAndSharedByBoth()
    {
        var searchId = await _harness.CreateSearchAsync(OrchestrationHarness.Definition(islands: 2, populationSize: 2, timeoutSeconds: 20));
        await _harness.SavePlanAsync(searchId,
            [OrchestrationHarness.Candidate("12121212", CandidateDisposition.New, owner: 0), OrchestrationHarness.Candidate("10000000", CandidateDisposition.New, owner: 0)],
            [OrchestrationHarness.Candidate("12121212", CandidateDisposition.Shared, owner: 0), OrchestrationHarness.Candidate("20000000", CandidateDisposition.New, owner: 1)]);

        await _harness.Client.ScheduleNewOrchestrationInstanceAsync(nameof(SearchOrchestrator), new SearchOrchestratorInput(searchId), new Microsoft.DurableTask.StartOrchestrationOptions(searchId));
        var done = await _harness.WaitForCompletionAsync(searchId, TimeSpan.FromSeconds(30));
        await _harness.Trainer.DrainAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var jobs = _harness.Trainer.JobsOf(searchId);
        Assert.Equal(["10000000", "12121212", "20000000"], jobs.Select(j => j.CandidateId).Order());
        Assert.Equal(InstanceIds.Candidate(searchId, 0, 0, "12121212"), Assert.Single(jobs, j => j.CandidateId == "12121212").InstanceId);
        // The non-owner island waited for the owner's result blob and completed with it.
        var waiter = await _harness.Client.GetInstanceAsync(InstanceIds.Candidate(searchId, 0, 1, "12121212"), getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, waiter?.RuntimeStatus);
        Assert.True(waiter!.ReadOutputAs<bool>());
        var islands = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => _harness.Store.GetPopulationAsync(SearchPaths.Population(searchId, 0, i))));
        Assert.Equal(islands[0].Single(m => m.Id == "12121212").Evaluation, islands[1].Single(m => m.Id == "12121212").Evaluation);
        Assert.Equal(3, done.ReadOutputAs<SearchProgress>()!.Evaluations);
    }
}
