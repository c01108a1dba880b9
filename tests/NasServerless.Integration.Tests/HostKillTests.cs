using System.Diagnostics;
using System.Net.Http.Json;
using NasServerless.Integration.Tests.Support;
using NasServerless.Orchestration.Api;
using NasServerless.Orchestration.Clients;
using NasServerless.Testing;
using Xunit.Abstractions;

namespace NasServerless.Integration.Tests;

/// <summary>The host dies (SIGKILL) in the middle of a search and comes back with the same worker id.</summary>
[Collection(SystemCollection.Name)]
public sealed class HostKillTests : IDisposable
{
    private const string Search =
        """{"searchSpace":"nas-bench-macro","evolution":{"islands":2,"populationSize":6,"generations":6,"seed":9},"training":{"simulatedSeconds":0.2},"dispatch":{"timeoutSeconds":15}}""";

    private readonly SystemFixture _fixture;
    private readonly ITestOutputHelper _output;
    private readonly IDisposable _attached;

    public HostKillTests(SystemFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
        _attached = fixture.Log.Attach(output);
    }

    public void Dispose() => _attached.Dispose();

    [Fact]
    public async Task Search_HostKilledMidSearchAndRestartedWithSameWorkerId_CompletesWithTheSameFront()
    {
        var expected = Reference.Run(Search, _fixture.Table);
        await using var system = await SearchSystem.StartAsync(_fixture.Apps, _fixture.Log, "kill", workers: 2);
        var searchId = await system.SubmitAsync(Search);
        // The status names the generation in progress: 2 once generation 1 is closed.
        await Wait.UntilAsync(async () => (await system.GetStatusAsync(searchId)).Generation >= 2, TimeSpan.FromSeconds(60), "generation 1 of the search is complete");
        // Kill it while generation 2's candidates are in flight: some of them have results, the generation is not closed.
        var afterGeneration1 = (await system.Store.GetFrontAsync(searchId, 1))!.Evaluations;
        await Wait.UntilAsync(async () => await system.Store.CountResultsAsync(searchId) > afterGeneration1, TimeSpan.FromSeconds(30), "candidates of generation 2 have results");
        var beforeKill = await system.GetStatusAsync(searchId);

        await system.KillHostAsync();
        _output.WriteLine($"killed the host in generation {beforeKill.Generation} with {beforeKill.Candidates}");
        Assert.Equal(SearchRuntimeStatus.Running, beforeKill.Status);
        var clock = Stopwatch.StartNew();
        await system.StartHostAsync();
        _output.WriteLine($"host restarted {clock.Elapsed.TotalSeconds:F1} s after the kill");
        await system.WaitForCompletionAsync(searchId, TimeSpan.FromSeconds(120));
        _output.WriteLine($"search completed {clock.Elapsed.TotalSeconds:F1} s after the kill");

        var front = await system.Http.GetFromJsonAsync<SearchFront>($"/api/searches/{searchId}/front", SearchApiJson.Options);
        Assert.Equal(Reference.Describe(expected), Reference.Describe(front!));
        Assert.Equal((expected.Evaluations.Count, 0), (front!.Evaluations, front.Failed));
    }
}
