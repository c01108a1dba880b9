using Microsoft.DurableTask.Client;
using NasServerless.Orchestration.Messages;
using NasServerless.Orchestration.Orchestrators;
using NasServerless.Orchestration.State;
using NasServerless.Orchestration.Tests.Support;
using NasServerless.Search.Evolution;
using NasServerless.Testing;
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

    /// <summary>
    /// The waiting island is woken by the owner as soon as the result is stored: with a dispatch timeout of 600 s its
    /// fallback poll is every 30 s, so finishing well within that shows the owner's event, not the poll, ended the wait.
    /// </summary>
    [Fact]
    public async Task IslandGeneration_SharedCandidate_WaitingIslandIsWokenByTheOwnerNotByItsPoll()
    {
        const string Shared = "12121212";
        var searchId = await _harness.CreateSearchAsync(
            OrchestrationHarness.Definition(islands: 2, populationSize: 2, timeoutSeconds: 600),
            job => job.CandidateId == Shared ? FakeReply.Ignore : FakeReply.Answer);
        await _harness.SavePlanAsync(searchId,
            [OrchestrationHarness.Candidate(Shared, CandidateDisposition.New, owner: 0), OrchestrationHarness.Candidate("10000000", CandidateDisposition.New, owner: 0)],
            [OrchestrationHarness.Candidate(Shared, CandidateDisposition.Shared, owner: 0), OrchestrationHarness.Candidate("20000000", CandidateDisposition.New, owner: 1)]);
        var waiterId = InstanceIds.Candidate(searchId, 0, 1, Shared);

        await _harness.Client.ScheduleNewOrchestrationInstanceAsync(nameof(SearchOrchestrator), new SearchOrchestratorInput(searchId), new Microsoft.DurableTask.StartOrchestrationOptions(searchId));
        await Wait.UntilAsync(() => _harness.Trainer.JobsOf(searchId).Any(j => j.CandidateId == Shared), TimeSpan.FromSeconds(20), "the owner dispatches the shared candidate");
        await Wait.UntilAsync(async () => (await _harness.Client.GetInstanceAsync(waiterId))?.RuntimeStatus == OrchestrationRuntimeStatus.Running, TimeSpan.FromSeconds(20), "the waiting island's evaluation runs");
        await Task.Delay(TimeSpan.FromSeconds(2)); // its first look for the owner's result finds nothing; then it waits
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await _harness.Trainer.AnswerAsync(_harness.Trainer.JobsOf(searchId).Single(j => j.CandidateId == Shared));
        var done = await _harness.WaitForCompletionAsync(searchId, TimeSpan.FromSeconds(25));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"the owner's event should end the wait, not the 30 s poll ({clock.Elapsed.TotalSeconds:F1} s)");
        var waiter = await _harness.Client.GetInstanceAsync(waiterId, getInputsAndOutputs: true);
        Assert.True(waiter!.ReadOutputAs<bool>());
        Assert.Single(_harness.Trainer.JobsOf(searchId), j => j.CandidateId == Shared);
    }
}
