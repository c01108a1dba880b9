using System.Net;
using System.Xml.Linq;
using Azure.Storage.Blobs;
using Microsoft.DurableTask.Client;
using NasServerless.Contracts;
using NasServerless.Orchestration.Messages;
using NasServerless.Orchestration.Orchestrators;
using NasServerless.Orchestration.Reports;
using NasServerless.Orchestration.State;
using NasServerless.Orchestration.Tests.Support;
using NasServerless.Search.Evolution;
using NasServerless.Search.Spaces.NasBenchMacro;
using NasServerless.Testing;
using Xunit.Abstractions;

namespace NasServerless.Orchestration.Tests.Orchestrators;

/// <summary>Whole searches on the in-memory host: generations chained by ContinueAsNew, and termination.</summary>
[Collection(StorageCollection.Name)]
public sealed class SearchOrchestratorTests(StorageFixture storage, ITestOutputHelper output) : IAsyncLifetime
{
    private OrchestrationHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await OrchestrationHarness.StartAsync(storage, output);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task SearchOrchestrator_SeveralGenerations_ContinuesAsNewWithBoundedHistoryAndInProcessFront()
    {
        const int islands = 2, generations = 3;
        var definition = OrchestrationHarness.Definition(islands: islands, populationSize: 3, generations: generations, seed: 11);
        var searchId = await _harness.CreateSearchAsync(definition);

        await _harness.Client.ScheduleNewOrchestrationInstanceAsync(nameof(SearchOrchestrator), new SearchOrchestratorInput(searchId), new Microsoft.DurableTask.StartOrchestrationOptions(searchId));
        var done = await _harness.WaitForCompletionAsync(searchId, TimeSpan.FromSeconds(90));
        await _harness.Trainer.DrainAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var progress = done.ReadOutputAs<SearchProgress>()!;
        Assert.Equal((generations, true), (progress.Generation, progress.Completed));
        // The last execution started from the state ContinueAsNew carried: the last generation and the islands' population blobs.
        var input = done.ReadInputAs<SearchOrchestratorInput>()!;
        Assert.Equal(generations, input.Generation);
        Assert.Equal(Enumerable.Range(0, islands).Select(i => SearchPaths.Population(searchId, generations - 1, i)), input.PopulationRefs!.Select(r => r.Replace(".migrated", "")));
        // Bounded history: one execution per generation (the orchestrator has no loop), each started from a state of a
        // few blob names whose size does not grow with the search. (The in-memory host keeps no history to count; the
        // integration tests count the history rows on Azure Storage.)
        Assert.True(done.SerializedInput!.Length < 1024, $"the carried state grew to {done.SerializedInput.Length} characters");

        // Every new architecture was dispatched exactly once, and nothing else was.
        var plans = await Task.WhenAll(Enumerable.Range(0, generations + 1).Select(g => _harness.Store.GetPlanAsync(searchId, g)));
        var planned = plans.SelectMany(p => p.Islands.SelectMany(i => i)).Where(c => c.Disposition == CandidateDisposition.New).Select(c => c.Id).Order().ToList();
        Assert.Equal(planned, _harness.Trainer.JobsOf(searchId).Select(j => j.CandidateId).Order());
        Assert.Equal(planned.Count, progress.Evaluations);

        // The front is exactly the search core's in-process front for the same definition.
        var expected = new InProcessSearch<MacroArchitecture>(new IslandEvolution<MacroArchitecture>(new NasBenchMacroSpace(), definition.Evolution))
            .Run(new NasBenchMacroEvaluator(storage.Table));
        var front = await _harness.Store.GetFrontAsync(searchId);
        Assert.NotNull(front);
        Assert.Equal(
            expected.Front.Select(i => (i.Id, i.Evaluation.Accuracy, i.Evaluation.Parameters, i.Evaluation.Flops)),
            front.Members.Select(m => (m.CandidateId, m.ValidationAccuracy, m.Parameters, m.Flops)));
        Assert.Equal(expected.Evaluations.Count, front.Evaluations);
    }

    [Fact]
    public async Task SearchOrchestrator_SomeCandidatesFail_FrontPlotDrawsEverySuccessfulEvaluationAndTheApiServesIt()
    {
        // The first two jobs are never answered: with one attempt of one second each, they become failed results.
        const int failing = 2;
        var jobs = 0;
        var definition = OrchestrationHarness.Definition(islands: 2, populationSize: 3, generations: 1, seed: 5, timeoutSeconds: 1, maxAttempts: 1);
        var searchId = await _harness.CreateSearchAsync(definition, _ => Interlocked.Increment(ref jobs) <= failing ? FakeReply.Ignore : FakeReply.Answer);

        await _harness.Client.ScheduleNewOrchestrationInstanceAsync(nameof(SearchOrchestrator), new SearchOrchestratorInput(searchId), new Microsoft.DurableTask.StartOrchestrationOptions(searchId));
        var done = await _harness.WaitForCompletionAsync(searchId, TimeSpan.FromSeconds(90));
        await _harness.Trainer.DrainAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var front = (await _harness.Store.GetFrontAsync(searchId))!;
        Assert.Equal((1, failing), (front.Generation, front.Failed));
        // Every architecture evaluated in either generation, less the failed ones, is a point of the plot.
        var evaluated = await _harness.Store.GetEvaluatedAsync(searchId, 1);
        var results = await Task.WhenAll(evaluated.Select(id => _harness.Store.GetResultAsync(searchId, id)));
        var successful = results.Where(r => r is { Failed: false }).Select(r => r!.CandidateId).Order().ToList();
        Assert.Equal(evaluated.Count - failing, successful.Count);
        var points = (await _harness.Store.GetPointsAsync(searchId, 1))!;
        Assert.Equal(successful, points.Select(p => p.CandidateId).Order());

        var blob = new BlobServiceClient(storage.ConnectionString).GetBlobContainerClient(StorageNames.SearchesContainer).GetBlobClient(SearchPaths.FrontPlot(searchId));
        Assert.Equal(FrontPlot.ContentType, (await blob.GetPropertiesAsync()).Value.ContentType);
        var stored = (await blob.DownloadContentAsync()).Value.Content.ToString();
        XNamespace svg = "http://www.w3.org/2000/svg";
        var groups = XDocument.Parse(stored).Descendants(svg + "g").ToDictionary(g => (string?)g.Attribute("class") ?? "", g => g.Elements(svg + "circle").Count());
        Assert.Equal((front.Members.Count, successful.Count), (groups[FrontPlot.FrontClass], groups[FrontPlot.EvaluatedClass]));

        await using var api = await ApiHost.StartAsync(storage, output);
        using var response = await api.Http.GetAsync($"/api/searches/{searchId}/front.svg");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(FrontPlot.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(stored, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SearchOrchestrator_Terminated_StopsItsIslandAndCandidateOrchestrations()
    {
        const int islands = 2, population = 3;
        var searchId = await _harness.CreateSearchAsync(OrchestrationHarness.Definition(islands: islands, populationSize: population, generations: 3, timeoutSeconds: 120), _ => FakeReply.Ignore);
        await _harness.Client.ScheduleNewOrchestrationInstanceAsync(nameof(SearchOrchestrator), new SearchOrchestratorInput(searchId), new Microsoft.DurableTask.StartOrchestrationOptions(searchId));
        // The plan says how many candidates generation 0 dispatches (architectures bred by two islands are dispatched once).
        var plan = await WaitForPlanAsync(searchId, 0);
        var dispatched = plan.Islands.SelectMany(i => i).Count(c => c.Disposition == CandidateDisposition.New);
        var evaluations = plan.Islands.SelectMany(i => i).Count(c => c.Disposition != CandidateDisposition.Known);
        await Wait.UntilAsync(() => _harness.Trainer.JobsOf(searchId).Count == dispatched, TimeSpan.FromSeconds(30), "every candidate of generation 0 waits for its trainer");

        await _harness.SearchClient.TerminateSearchAsync(searchId, "test", CancellationToken.None);

        var prefix = InstanceIds.ChildPrefix(searchId);
        IReadOnlyList<OrchestrationMetadata> children = [];
        await Wait.UntilAsync(async () =>
        {
            children = await ListAsync(new OrchestrationQuery { InstanceIdPrefix = prefix });
            var search = await _harness.Client.GetInstanceAsync(searchId);
            return search?.RuntimeStatus == OrchestrationRuntimeStatus.Terminated && children.All(c => c.RuntimeStatus == OrchestrationRuntimeStatus.Terminated);
        }, TimeSpan.FromSeconds(20), "the search and every sub-orchestration of it are terminated");
        Assert.Equal(islands + evaluations, children.Count);
        await Task.Delay(TimeSpan.FromSeconds(1));
        await _harness.Trainer.DrainAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(dispatched, _harness.Trainer.JobsOf(searchId).Count);
    }

    private async Task<NasServerless.Orchestration.Engine.GenerationPlanDocument> WaitForPlanAsync(string searchId, int generation)
    {
        NasServerless.Orchestration.Engine.GenerationPlanDocument? plan = null;
        await Wait.UntilAsync(async () => (plan = await _harness.Store.TryGetPlanAsync(searchId, generation)) is not null, TimeSpan.FromSeconds(30), $"generation {generation} is planned");
        return plan!;
    }

    private async Task<IReadOnlyList<OrchestrationMetadata>> ListAsync(OrchestrationQuery query)
    {
        var result = new List<OrchestrationMetadata>();
        await foreach (var instance in _harness.Client.GetAllInstancesAsync(query)) result.Add(instance);
        return result;
    }
}
