using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using NasServerless.Contracts;
using NasServerless.Integration.Tests.Support;
using NasServerless.Orchestration.Api;
using NasServerless.Orchestration.Clients;
using NasServerless.Orchestration.Reports;
using NasServerless.Orchestration.State;
using NasServerless.Testing;
using Xunit.Abstractions;

namespace NasServerless.Integration.Tests;

/// <summary>
/// Searches through the HTTP API of the standalone host, with real queues, blobs and the Durable Task Azure Storage
/// provider on Azurite, and two lookup trainer worker processes.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class DistributedSearchTests : IDisposable
{
    private const string FourIslandSearch =
        """{"name":"four islands","searchSpace":"nas-bench-macro","evolution":{"islands":4,"populationSize":8,"generations":10,"seed":42},"dispatch":{"timeoutSeconds":60}}""";

    private readonly SystemFixture _fixture;
    private readonly ITestOutputHelper _output;
    private readonly IDisposable _attached;

    public DistributedSearchTests(SystemFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
        _attached = fixture.Log.Attach(output);
    }

    private SearchSystem Shared => _fixture.Shared;

    public void Dispose() => _attached.Dispose();

    [Fact]
    public async Task Search_FourIslandsTenGenerationsOverHttp_FrontIdenticalToInProcessRun()
    {
        var expected = Reference.Run(FourIslandSearch, _fixture.Table);
        var clock = Stopwatch.StartNew();

        var searchId = await Shared.SubmitAsync(FourIslandSearch);
        var status = await Shared.WaitForCompletionAsync(searchId, TimeSpan.FromSeconds(150));
        _output.WriteLine($"search {searchId} completed in {clock.Elapsed.TotalSeconds:F1} s: {status.Candidates}, front {status.FrontSize}");

        var front = await Shared.Http.GetFromJsonAsync<SearchFront>($"/api/searches/{searchId}/front", SearchApiJson.Options);
        Assert.Equal(Reference.Describe(expected), Reference.Describe(front!));
        Assert.Equal((expected.GenerationsCompleted, expected.Evaluations.Count, 0), (front!.Generation, front.Evaluations, front.Failed));
        Assert.Equal((expected.Evaluations.Count, 0, 0), (status.Candidates.Trained, status.Candidates.Queued, status.Candidates.Failed));
        // The front plot: one marker per front member over one point per evaluated architecture.
        using var plot = await Shared.Http.GetAsync($"/api/searches/{searchId}/front.svg");
        Assert.Equal((HttpStatusCode.OK, FrontPlot.ContentType), (plot.StatusCode, plot.Content.Headers.ContentType?.MediaType));
        XNamespace svg = "http://www.w3.org/2000/svg";
        var circles = XDocument.Parse(await plot.Content.ReadAsStringAsync()).Descendants(svg + "g")
            .ToDictionary(g => (string?)g.Attribute("class") ?? "", g => g.Elements(svg + "circle").Count());
        Assert.Equal((front.Members.Count, expected.Evaluations.Count), (circles[FrontPlot.FrontClass], circles[FrontPlot.EvaluatedClass]));
        // Exactly one result per evaluated architecture, written by the workers (never by the orchestrator's failure path).
        Assert.Equal(expected.Evaluations.Count, await Shared.Store.CountResultsAsync(searchId));

        // ContinueAsNew kept the search's history to its last generation: one execution, a few dozen rows.
        var history = await Shared.HistoryAsync(searchId);
        _output.WriteLine($"history rows of {searchId}: {history.Count} in {history.Select(h => h.ExecutionId).Distinct().Count()} execution(s)");
        Assert.Single(history.Select(h => h.ExecutionId).Distinct());
        Assert.InRange(history.Count, 1, 60);
    }

    [Fact]
    public async Task DeleteSearch_WhileCandidatesTrain_TerminatesSearchAndSubOrchestrationsAndDropsQueuedJobs()
    {
        const string slowSearch =
            """{"searchSpace":"nas-bench-macro","evolution":{"islands":2,"populationSize":6,"generations":5,"seed":3},"training":{"simulatedSeconds":1},"dispatch":{"timeoutSeconds":60}}""";
        var searchId = await Shared.SubmitAsync(slowSearch);
        var jobs = Shared.Queues.GetQueueClient(StorageNames.JobsQueue);
        await Wait.UntilAsync(async () => await Shared.Store.CountResultsAsync(searchId) >= 1 && (await jobs.GetPropertiesAsync()).Value.ApproximateMessagesCount >= 4,
            TimeSpan.FromSeconds(60), "a candidate is trained and more jobs wait in the queue");

        using var response = await Shared.Http.DeleteAsync($"/api/searches/{searchId}");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var resultsAtDelete = await Shared.Store.CountResultsAsync(searchId);
        var queuedAtDelete = (await jobs.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        Assert.True(queuedAtDelete >= 3, $"only {queuedAtDelete} jobs were queued when the search was deleted; the test needs some waiting");
        var prefix = InstanceIds.ChildPrefix(searchId);
        IReadOnlyList<(string InstanceId, string RuntimeStatus)> children = [];
        await Wait.UntilAsync(async () =>
        {
            children = await Shared.InstancesAsync(prefix);
            return (await Shared.GetStatusAsync(searchId)).Status == SearchRuntimeStatus.Terminated
                   && children.All(c => c.RuntimeStatus is "Terminated" or "Completed");
        }, TimeSpan.FromSeconds(30), "the search and all its island and candidate orchestrations stop");
        _output.WriteLine($"{children.Count} sub-orchestrations: {string.Join(", ", children.GroupBy(c => c.RuntimeStatus).Select(g => $"{g.Count()} {g.Key}"))}");
        Assert.Contains(children, c => c.RuntimeStatus == "Terminated");

        // Queued jobs of the search are dropped, not trained: the queue empties and only the (at most two) jobs the
        // workers held at the deletion add results.
        await Wait.UntilAsync(async () => (await jobs.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, TimeSpan.FromSeconds(30), "the training-jobs queue is empty");
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var results = await Shared.Store.CountResultsAsync(searchId);
        _output.WriteLine($"{resultsAtDelete} results and {queuedAtDelete} jobs queued at the deletion; {results} results after");
        Assert.InRange(results, resultsAtDelete, resultsAtDelete + 2);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(results, await Shared.Store.CountResultsAsync(searchId));
    }

    [Fact]
    public async Task ListSearches_PagesOfOne_ReturnEverySearchOnce()
    {
        const string tinySearch = """{"searchSpace":"nas-bench-macro","evolution":{"islands":1,"populationSize":2,"generations":0,"seed":5}}""";
        var ids = new[] { await Shared.SubmitAsync(tinySearch), await Shared.SubmitAsync(tinySearch) };
        foreach (var id in ids) await Shared.WaitForCompletionAsync(id, TimeSpan.FromSeconds(60));

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var url = "/api/searches?pageSize=1" + (token is null ? "" : $"&continuationToken={Uri.EscapeDataString(token)}");
            var page = await Shared.Http.GetFromJsonAsync<SearchList>(url, SearchApiJson.Options);
            Assert.InRange(page!.Searches.Count, 0, 1);
            seen.AddRange(page.Searches.Select(s => s.Id));
            token = page.ContinuationToken;
        }
        while (token is not null && ++pages < 200);

        Assert.Null(token);
        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.Superset(ids.ToHashSet(), seen.ToHashSet());
        var listed = (await Shared.Http.GetFromJsonAsync<SearchList>("/api/searches?pageSize=100", SearchApiJson.Options))!.Searches.Single(s => s.Id == ids[0]);
        Assert.Equal((SearchRuntimeStatus.Completed, 0, 0), (listed.Status, listed.Generation, listed.Generations));
    }

    [Theory]
    [InlineData("GET", "/api/searches/{0}")]
    [InlineData("GET", "/api/searches/{0}/front")]
    [InlineData("GET", "/api/searches/{0}/front.svg")]
    [InlineData("DELETE", "/api/searches/{0}")]
    public async Task SearchEndpoints_UnknownId_Return404(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), string.Format(System.Globalization.CultureInfo.InvariantCulture, path, Guid.NewGuid().ToString("N")));

        using var response = await Shared.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
