using System.Net.Http.Json;
using System.Xml.Linq;
using NasServerless.Integration.Tests.Support;
using NasServerless.Orchestration.Api;
using NasServerless.Orchestration.Reports;
using NasServerless.Testing;
using Xunit.Abstractions;

namespace NasServerless.Integration.Tests;

/// <summary>
/// The built nas-cli as a child process, the way <c>scripts/nas</c> runs it, against the shared system's host: the files
/// it saves equal what the API serves, and errors are one line on stderr with exit code 2 (input) or 1 (unreachable).
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class CliProcessTests : IDisposable
{
    private const string SmallSearch =
        """{"name":"cli","searchSpace":"nas-bench-macro","evolution":{"islands":1,"populationSize":6,"generations":1,"seed":11},"dispatch":{"timeoutSeconds":60}}""";

    private static readonly TimeSpan CliTimeout = TimeSpan.FromSeconds(30);
    private readonly SystemFixture _fixture;
    private readonly ITestOutputHelper _output;
    private readonly IDisposable _attached;
    private readonly DirectoryInfo _files = Directory.CreateTempSubdirectory("nas-cli-process-");

    public CliProcessTests(SystemFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
        _attached = fixture.Log.Attach(output);
    }

    private SearchSystem Shared => _fixture.Shared;

    private string Api => Shared.Http.BaseAddress!.ToString();

    public void Dispose()
    {
        _attached.Dispose();
        _files.Delete(recursive: true);
    }

    [Fact]
    public async Task Cli_CompletedSearch_SavesThePlotAndAMembersGenomeAsTheApiServesThem()
    {
        var searchId = await Shared.SubmitAsync(SmallSearch);
        await Shared.WaitForCompletionAsync(searchId, TimeSpan.FromSeconds(60));
        var front = (await Shared.Http.GetFromJsonAsync<SearchFront>($"/api/searches/{searchId}/front", SearchApiJson.Options))!;
        var plot = await Shared.Http.GetByteArrayAsync($"/api/searches/{searchId}/front.svg");
        Assert.NotEmpty(front.Members);
        var member = front.Members[0];
        var svgPath = Path.Combine(_files.FullName, "front.svg");
        var genomePath = Path.Combine(_files.FullName, "genome.json");

        var svg = await RunCliAsync("front", searchId, "--svg", svgPath, "--api", Api);
        var genome = await RunCliAsync("front", searchId, "--genome", member.CandidateId, "--out", genomePath, "--api", Api);
        var status = await RunCliAsync("status", searchId, "--api", Api);

        Assert.Equal((0, 0, 0), (svg.ExitCode, genome.ExitCode, status.ExitCode));
        Assert.Empty(svg.StandardError.Concat(genome.StandardError).Concat(status.StandardError));
        Assert.Equal([$"saved the front plot of search {searchId} to {svgPath}"], svg.StandardOutput);
        Assert.Equal(plot, File.ReadAllBytes(svgPath));
        XNamespace ns = "http://www.w3.org/2000/svg";
        var drawn = XDocument.Load(svgPath);
        Assert.Equal(ns + "svg", drawn.Root!.Name);
        Assert.Equal(front.Members.Count, drawn.Descendants(ns + "g").Single(g => (string?)g.Attribute("class") == FrontPlot.FrontClass).Elements(ns + "circle").Count());

        Assert.Equal(member.Genome + "\n", File.ReadAllText(genomePath));
        Assert.StartsWith($"wrote the genome of {member.CandidateId} to {genomePath}; ", Assert.Single(genome.StandardOutput));

        var line = Assert.Single(status.StandardOutput);
        _output.WriteLine($"nas-cli status {searchId}: {line}");
        Assert.StartsWith($"completed  generation 1/1: {front.Evaluations} trained, 0 queued, 0 failed; best accuracy ", line);
        Assert.EndsWith($", front {front.Members.Count}", line);
    }

    [Fact]
    public async Task Cli_UnknownSearch_ExitsTwoWithTheApisProblemOnOneLine()
    {
        var id = Guid.NewGuid().ToString("N");

        var cli = await RunCliAsync("status", id, "--api", Api);

        Assert.Equal(2, cli.ExitCode);
        Assert.Empty(cli.StandardOutput);
        Assert.Equal([$"nas: 404 NotFound: No search has the id '{id}'."], cli.StandardError);
    }

    [Fact]
    public async Task Cli_ApiWithoutScheme_ExitsTwoWithOneLine()
    {
        var cli = await RunCliAsync("status", "abc123", "--api", "localhost:7071");

        Assert.Equal(2, cli.ExitCode);
        Assert.Equal(["nas: --api 'localhost:7071' is not an http or https URL"], cli.StandardError);
    }

    [Fact]
    public async Task Cli_NothingListening_ExitsOneSayingTheApiIsUnreachable()
    {
        var port = FreePorts.Take(1)[0];

        var cli = await RunCliAsync("status", "abc123", "--api", $"http://127.0.0.1:{port}");

        Assert.Equal(1, cli.ExitCode);
        Assert.StartsWith("nas: cannot reach the search API: ", Assert.Single(cli.StandardError));
    }

    /// <summary>dotnet nas-cli.dll ARGS in a scratch folder, without NAS_API_URL; returns it exited (output still readable).</summary>
    private async Task<ChildProcess> RunCliAsync(params string[] args)
    {
        await using var cli = ChildProcess.Start($"nas-cli {args[0]}", ChildProcess.DotnetHost, [_fixture.Apps.CliDll, .. args], _fixture.Log,
            new Dictionary<string, string?> { ["NAS_API_URL"] = null }, _files.FullName);
        await cli.WaitForExitAsync(CliTimeout);
        return cli;
    }
}
