using System.Text;
using Microsoft.AspNetCore.Http;
using NasServerless.Cli.Tests.Support;
using NasServerless.Orchestration.Api;
using NasServerless.Orchestration.Clients;

namespace NasServerless.Cli.Tests;

/// <summary>
/// The commands as users run them (<see cref="CliCommands.RunAsync"/>, with --api) against a fake search API on
/// 127.0.0.1: what they print, the files they write, the requests they make, and the one-line errors (exit code 2).
/// </summary>
[Collection(ProcessStateCollection.Name)]
public sealed class CliCommandsTests : IAsyncLifetime
{
    /// <summary>An SVG with non-ASCII text, so the saved file shows the bytes are kept, not re-encoded.</summary>
    private static readonly byte[] Plot = Encoding.UTF8.GetBytes(
        """<svg xmlns="http://www.w3.org/2000/svg" width="800" height="500"><title>Pareto front − accuracy ≥ 90 % … café</title><circle cx="1" cy="2" r="3"/></svg>""");

    private readonly DirectoryInfo _files = Directory.CreateTempSubdirectory("nas-cli-tests-");
    private FakeSearchApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeSearchApi.StartAsync();

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _files.Delete(recursive: true);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_PrintsUsageAndExitsZero(string flag)
    {
        var run = await NasCli.RunAsync(flag);

        Assert.Equal((0, CliCommands.Usage + "\n", ""), (run.ExitCode, run.Out, run.Error));
    }

    [Fact]
    public async Task NoArguments_PrintsUsageAndExitsTwo()
    {
        var run = await NasCli.RunAsync();

        Assert.Equal((2, CliCommands.Usage + "\n"), (run.ExitCode, run.Out));
    }

    [Fact]
    public async Task UnknownCommand_ThrowsNamingItWithTheUsage()
    {
        var e = await Assert.ThrowsAsync<CliException>(() => NasCli.RunAsync("frnt", Searches.Id, "--api", _api.Api));

        Assert.Equal($"unknown command 'frnt'\n{CliCommands.Usage}", e.Message);
        Assert.Empty(_api.Requests);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("watch")]
    [InlineData("submit")]
    [InlineData("run")]
    public async Task Genome_WithoutFront_ThrowsBeforeAnyRequest(string command)
    {
        var e = await Assert.ThrowsAsync<CliException>(() => NasCli.RunAsync(command, Searches.Id, "--genome", "3f2a", "--api", _api.Api));

        Assert.Equal("--genome goes with the front command", e.Message);
        Assert.Empty(_api.Requests);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("watch")]
    [InlineData("submit")]
    public async Task Svg_WithoutFrontOrRun_ThrowsBeforeAnyRequest(string command)
    {
        var e = await Assert.ThrowsAsync<CliException>(() => NasCli.RunAsync(command, Searches.Id, "--svg", Path.Combine(_files.FullName, "front.svg"), "--api", _api.Api));

        Assert.Equal("--svg goes with the front and run commands", e.Message);
        Assert.Empty(_api.Requests);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("watch")]
    [InlineData("front")]
    public async Task SearchCommand_WithoutId_ThrowsBeforeAnyRequest(string command)
    {
        var e = await Assert.ThrowsAsync<CliException>(() => NasCli.RunAsync(command, "--api", _api.Api));

        Assert.Equal("a search id is required", e.Message);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task Submit_Accepted_PostsTheFileAsIsAndPrintsTheNewId()
    {
        var definition = Write("search.json", """{"name":"tiny","searchSpace":"nas-bench-macro","evolution":{"islands":1,"populationSize":4,"generations":1,"seed":7}}""");

        var run = await NasCli.RunAsync("submit", "--definition", definition, "--api", _api.Api);

        Assert.Equal((0, FakeSearchApi.NewSearchId + "\n", ""), (run.ExitCode, run.Out, run.Error));
        Assert.Equal(File.ReadAllText(definition), Assert.Single(_api.Definitions));
        Assert.Equal(["POST /api/searches"], _api.Requests);
    }

    [Fact]
    public async Task Submit_InvalidDefinition_ThrowsTheProblemDetail()
    {
        _api.Answer("POST /api/searches", Results.ValidationProblem(
            new Dictionary<string, string[]> { ["evolution.islands"] = ["must be from 1 to 64"] },
            title: "The search definition is invalid", detail: "evolution.islands: must be from 1 to 64"));
        var definition = Write("search.json", """{"searchSpace":"nas-bench-macro","evolution":{"islands":0}}""");

        var e = await Assert.ThrowsAsync<CliException>(() => NasCli.RunAsync("submit", "--definition", definition, "--api", _api.Api));

        Assert.Equal("400 BadRequest: evolution.islands: must be from 1 to 64", e.Message);
    }

    [Fact]
    public async Task Submit_NoDefinition_Throws()
    {
        var e = await Assert.ThrowsAsync<CliException>(() => NasCli.RunAsync("submit", "--api", _api.Api));

        Assert.Equal("--definition FILE is required", e.Message);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task Submit_MissingDefinitionFile_Throws()
    {
        var path = Path.Combine(_files.FullName, "missing.json");

        var e = await Assert.ThrowsAsync<CliException>(() => NasCli.RunAsync("submit", "--definition", path, "--api", _api.Api));

        Assert.Equal($"definition file '{path}' does not exist", e.Message);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task Submit_DefinitionNotJson_ThrowsBeforeAnyRequest()
    {
        var path = Write("search.json", "islands: 4");

        var e = await Assert.ThrowsAsync<CliException>(() => NasCli.RunAsync("submit", "--definition", path, "--api", _api.Api));

        Assert.StartsWith($"definition file '{path}' is not JSON: ", e.Message);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task Status_Running_PrintsOneProgressLine()
    {
        var status = Searches.Status(SearchRuntimeStatus.Running, secondsLeft: 42.4);
        _api.AddSearch(status, Searches.Front(), Plot);

        var run = await NasCli.RunAsync("status", Searches.Id, "--api", _api.Api);

        Assert.Equal((0, ProgressLine.Of(Searches.Json(status)) + "\n", ""), (run.ExitCode, run.Out, run.Error));
        Assert.Equal([$"GET /api/searches/{Searches.Id}"], _api.Requests);
    }

    [Fact]
    public async Task Status_UnknownSearch_ThrowsTheProblemDetail()
    {
        var e = await Assert.ThrowsAsync<CliException>(() => NasCli.RunAsync("status", "nope", "--api", _api.Api));

        Assert.Equal("404 NotFound: No search has the id 'nope'.", e.Message);
    }

    [Theory]
    [InlineData("problem without detail", "503 ServiceUnavailable: The host is starting")]
    [InlineData("plain text", "502 BadGateway: upstream timed out")]
    [InlineData("empty body", "500 InternalServerError: InternalServerError")]
    public async Task Status_ErrorWithoutDetail_ThrowsTitleTextOrStatus(string answer, string message)
    {
        _api.Answer($"GET /api/searches/{Searches.Id}", answer switch
        {
            "problem without detail" => Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The host is starting"),
            "plain text" => Results.Text("upstream timed out", statusCode: StatusCodes.Status502BadGateway),
            _ => Results.StatusCode(StatusCodes.Status500InternalServerError),
        });

        var e = await Assert.ThrowsAsync<CliException>(() => NasCli.RunAsync("status", Searches.Id, "--api", _api.Api));

        Assert.Equal(message, e.Message);
    }

    [Fact]
    public async Task Front_NoOption_PrintsTheFrontTable()
    {
        _api.AddSearch(Searches.Status(SearchRuntimeStatus.Completed), Searches.Front(), Plot);

        var run = await NasCli.RunAsync("front", Searches.Id, "--api", _api.Api);

        Assert.Equal((0, Table(Searches.Front()), ""), (run.ExitCode, run.Out, run.Error));
        Assert.Equal([$"GET /api/searches/{Searches.Id}/front"], _api.Requests);
    }

    [Fact]
    public async Task FrontSvg_Drawn_WritesExactlyTheBytesServed()
    {
        _api.AddSearch(Searches.Status(SearchRuntimeStatus.Running), Searches.Front(), Plot);
        var path = Path.Combine(_files.FullName, "front.svg");

        var run = await NasCli.RunAsync("front", Searches.Id, "--svg", path, "--api", _api.Api);

        Assert.Equal((0, $"saved the front plot of search {Searches.Id} to {path}\n", ""), (run.ExitCode, run.Out, run.Error));
        Assert.Equal(Plot, File.ReadAllBytes(path));
        Assert.Equal([$"GET /api/searches/{Searches.Id}/front.svg"], _api.Requests);
    }

    [Fact]
    public async Task FrontSvg_NotDrawnYet_ThrowsTheProblemDetailAndWritesNothing()
    {
        _api.AddSearch(Searches.Status(SearchRuntimeStatus.Running), Searches.EmptyFront(), plot: null);
        var path = Path.Combine(_files.FullName, "front.svg");

        var e = await Assert.ThrowsAsync<CliException>(() => NasCli.RunAsync("front", Searches.Id, "--svg", path, "--api", _api.Api));

        Assert.Equal($"404 NotFound: Search '{Searches.Id}' has not completed a generation yet; its front plot is drawn when the first one completes.", e.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task FrontSvg_UnwritablePath_ThrowsCannotWrite()
    {
        _api.AddSearch(Searches.Status(SearchRuntimeStatus.Running), Searches.Front(), Plot);
        var path = Path.Combine(_files.FullName, "no-such-folder", "front.svg");

        var e = await Assert.ThrowsAsync<CliException>(() => NasCli.RunAsync("front", Searches.Id, "--svg", path, "--api", _api.Api));

        Assert.StartsWith($"cannot write '{path}': ", e.Message);
    }

    [Fact]
    public async Task FrontGenomeOut_UniquePrefix_WritesThatMembersGenomeToTheFile()
    {
        _api.AddSearch(Searches.Status(SearchRuntimeStatus.Completed), Searches.Front(), Plot);
        var path = Path.Combine(_files.FullName, "genome.json");

        var run = await NasCli.RunAsync("front", Searches.Id, "--genome", "9b1e", "--out", path, "--api", _api.Api);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Searches.Third.Genome + "\n", File.ReadAllText(path));
        Assert.Equal($"wrote the genome of {Searches.Third.CandidateId} to {path}; retrain a layer-list genome longer with: " +
                     $"scripts/nas train --genome {path} --dataset DATASET --epochs 30\n", run.Out);
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task FrontGenome_NoOut_PrintsOnlyTheGenome()
    {
        _api.AddSearch(Searches.Status(SearchRuntimeStatus.Completed), Searches.Front(), Plot);

        var run = await NasCli.RunAsync("front", Searches.Id, "--genome", Searches.First.CandidateId, "--api", _api.Api);

        Assert.Equal((0, Searches.First.Genome + "\n", ""), (run.ExitCode, run.Out, run.Error));
    }

    [Fact]
    public async Task FrontGenomeAndSvg_NoOut_GenomeAloneOnStdoutAndTheNoteOnStderr()
    {
        _api.AddSearch(Searches.Status(SearchRuntimeStatus.Completed), Searches.Front(), Plot);
        var path = Path.Combine(_files.FullName, "front.svg");

        var run = await NasCli.RunAsync("front", Searches.Id, "--genome", "3f2b", "--svg", path, "--api", _api.Api);

        Assert.Equal((0, Searches.Second.Genome + "\n", $"saved the front plot of search {Searches.Id} to {path}\n"), (run.ExitCode, run.Out, run.Error));
        Assert.Equal(Plot, File.ReadAllBytes(path));
    }

    [Fact]
    public async Task FrontGenome_AmbiguousPrefix_ThrowsListingMatchesAndWritesNothing()
    {
        _api.AddSearch(Searches.Status(SearchRuntimeStatus.Completed), Searches.Front(), Plot);
        var path = Path.Combine(_files.FullName, "genome.json");

        var e = await Assert.ThrowsAsync<CliException>(() => NasCli.RunAsync("front", Searches.Id, "--genome", "3f2", "--out", path, "--api", _api.Api));

        Assert.Equal($"candidate '3f2' is ambiguous on the front of search {Searches.Id}: {Searches.First.CandidateId}, {Searches.Second.CandidateId}", e.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task FrontGenome_UnknownSearch_ThrowsTheProblemDetail()
    {
        var e = await Assert.ThrowsAsync<CliException>(() => NasCli.RunAsync("front", "nope", "--genome", "3f2a", "--api", _api.Api));

        Assert.Equal("404 NotFound: No search has the id 'nope'.", e.Message);
    }

    [Fact]
    public async Task Watch_RunningThenCompleted_PrintsEachChangeOnceAndExitsZero()
    {
        var running = Searches.Status(SearchRuntimeStatus.Running, secondsLeft: 12);
        var completed = Searches.Status(SearchRuntimeStatus.Completed);
        AnswerStatuses(running, running, completed);

        var run = await NasCli.RunAsync("watch", Searches.Id, "--timeout", "30", "--api", _api.Api);

        Assert.Equal(0, run.ExitCode);
        AssertProgressLines(run, running, completed);
        Assert.Equal(3, _api.Requests.Count);
    }

    [Fact]
    public async Task Watch_Failed_PrintsTheFailureAndExitsOne()
    {
        var failed = Searches.Status(SearchRuntimeStatus.Failed, failure: "Activity 'EnqueueTrainingJob' failed");
        AnswerStatuses(failed);

        var run = await NasCli.RunAsync("watch", Searches.Id, "--api", _api.Api);

        Assert.Equal(1, run.ExitCode);
        AssertProgressLines(run, failed);
    }

    [Fact]
    public async Task Watch_NotDoneWithinTimeout_SaysSoOnStderrAndExitsOne()
    {
        var running = Searches.Status(SearchRuntimeStatus.Running);
        AnswerStatuses(running);

        var run = await NasCli.RunAsync("watch", Searches.Id, "--timeout", "1", "--api", _api.Api);

        Assert.Equal(1, run.ExitCode);
        AssertProgressLines(run, running);
        Assert.Equal($"nas: search {Searches.Id} did not finish within 1 s (it goes on; `nas-cli watch {Searches.Id}` to follow it)\n", run.Error);
    }

    [Fact]
    public async Task Run_Completes_SubmitsWatchesPrintsTheFrontAndWhereThePlotIs()
    {
        var completed = Searches.Status(SearchRuntimeStatus.Completed, FakeSearchApi.NewSearchId);
        var front = Searches.Front(FakeSearchApi.NewSearchId);
        _api.AddSearch(completed, front, Plot);
        var definition = Write("search.json", """{"searchSpace":"nas-bench-macro"}""");

        var run = await NasCli.RunAsync("run", "--definition", definition, "--api", _api.Api);

        Assert.Equal(0, run.ExitCode);
        var lines = run.OutLines;
        Assert.Equal($"submitted search {FakeSearchApi.NewSearchId}", lines[0]);
        Assert.EndsWith(" " + ProgressLine.Of(Searches.Json(completed)), lines[1]);
        Assert.Equal(Table(front), string.Join('\n', lines[2..^1]) + "\n");
        Assert.Equal($"plot: {_api.Api}api/searches/{FakeSearchApi.NewSearchId}/front.svg (blob searches/{FakeSearchApi.NewSearchId}/front.svg; " +
                     $"`nas-cli front {FakeSearchApi.NewSearchId} --svg FILE` saves it)", lines[^1]);
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task RunSvg_Completes_SavesThePlot()
    {
        _api.AddSearch(Searches.Status(SearchRuntimeStatus.Completed, FakeSearchApi.NewSearchId), Searches.Front(FakeSearchApi.NewSearchId), Plot);
        var definition = Write("search.json", """{"searchSpace":"nas-bench-macro"}""");
        var path = Path.Combine(_files.FullName, "front.svg");

        var run = await NasCli.RunAsync("run", "--definition", definition, "--svg", path, "--api", _api.Api);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"saved the front plot of search {FakeSearchApi.NewSearchId} to {path}", run.OutLines[^1]);
        Assert.Equal(Plot, File.ReadAllBytes(path));
    }

    [Fact]
    public async Task RunSvg_NoPlot_PrintsTheFrontSaysWhyAndExitsOne()
    {
        _api.AddSearch(Searches.Status(SearchRuntimeStatus.Completed, FakeSearchApi.NewSearchId), Searches.EmptyFront(FakeSearchApi.NewSearchId), plot: null);
        var definition = Write("search.json", """{"searchSpace":"nas-bench-macro"}""");
        var path = Path.Combine(_files.FullName, "front.svg");

        var run = await NasCli.RunAsync("run", "--definition", definition, "--svg", path, "--api", _api.Api);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"Pareto front of search {FakeSearchApi.NewSearchId} after generation -1 (0 architectures evaluated, 0 failed): 0 members", run.OutLines);
        Assert.Equal($"nas: no front plot saved: 404 NotFound: Search '{FakeSearchApi.NewSearchId}' has not completed a generation yet; " +
                     "its front plot is drawn when the first one completes.\n", run.Error);
        Assert.False(File.Exists(path));
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_files.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The status route answers these in turn, then the last one again.</summary>
    private void AnswerStatuses(params SearchStatus[] statuses)
    {
        var polls = 0;
        _api.Answer($"GET /api/searches/{Searches.Id}", () => Results.Json(statuses[Math.Min(Interlocked.Increment(ref polls), statuses.Length) - 1], SearchApiJson.Options));
    }

    /// <summary>One "HH:mm:ss progress" line per status, in order, and nothing else on stdout.</summary>
    private static void AssertProgressLines(CliRun run, params SearchStatus[] statuses)
    {
        var lines = run.OutLines;
        Assert.Equal(statuses.Select(s => ProgressLine.Of(Searches.Json(s))), lines.Select(l => l[9..]));
        Assert.All(lines, l => Assert.True(TimeOnly.TryParseExact(l[..8], "HH:mm:ss", out _) && l[8] == ' ', $"not a time-stamped line: {l}"));
    }

    private static string Table(SearchFront front)
    {
        using var console = new ConsoleCapture();
        FrontTable.Print(Searches.Json(front));
        return console.Out;
    }
}
