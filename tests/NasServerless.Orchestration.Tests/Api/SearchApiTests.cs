using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NasServerless.Orchestration.Api;
using NasServerless.Orchestration.Clients;
using NasServerless.Orchestration.Tests.Support;
using Xunit.Abstractions;

namespace NasServerless.Orchestration.Tests.Api;

/// <summary>The HTTP API's answers: 202 with links, RFC 7807 problems naming each bad field, 404, 413, 429.</summary>
[Collection(StorageCollection.Name)]
public sealed class SearchApiTests(StorageFixture storage, ITestOutputHelper output) : IAsyncLifetime
{
    private const string ValidBody = """{"searchSpace":"nas-bench-macro","evolution":{"islands":2,"populationSize":6,"generations":3,"seed":7},"dispatch":{"timeoutSeconds":30}}""";
    private ApiHost _api = null!;

    public async Task InitializeAsync() => _api = await ApiHost.StartAsync(storage, output);

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task CreateSearch_ValidDefinition_Returns202WithLinksAndStartsTheSearch()
    {
        using var response = await PostAsync(ValidBody);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<SearchAccepted>(SearchApiJson.Options);
        Assert.NotNull(accepted);
        var started = Assert.Single(_api.Orchestrations.Started);
        Assert.Equal(accepted.Id, started.SearchId);
        Assert.Equal((0, null), (started.Generation, started.PopulationRefs));
        Assert.Equal(new Uri(_api.Http.BaseAddress!, $"/api/searches/{accepted.Id}"), response.Headers.Location);
        Assert.Equal(response.Headers.Location!.ToString(), accepted.StatusQueryGetUri);
        Assert.Equal($"{accepted.StatusQueryGetUri}/front", accepted.FrontGetUri);
        var definition = await _api.Store.GetDefinitionAsync(accepted.Id);
        Assert.Equal((2, 6, 3, 7L), (definition!.Evolution.Islands, definition.Evolution.PopulationSize, definition.Evolution.Generations, definition.Evolution.Seed));
    }

    [Fact]
    public async Task CreateSearch_InvalidFields_Returns400ProblemNamingEachField()
    {
        using var response = await PostAsync("""{"searchSpace":"nope","evolution":{"islands":0,"populationSize":6},"dispatch":{"maxAttempts":0}}""");

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order();
        Assert.Equal(["dispatch.maxAttempts", "evolution.islands", "searchSpace"], fields);
        Assert.Empty(_api.Orchestrations.Started);
    }

    [Theory]
    [InlineData("""{"evolution":{"populationSise":6}}""", "evolution.populationSise")]
    [InlineData("""{"evolution":{"islands":"two"}}""", "evolution.islands")]
    [InlineData("""{"dispatch":{"maxAttempts":true}}""", "dispatch.maxAttempts")]
    [InlineData("""{"dispatch":{"timeoutSeconds":30}""", "body")]
    [InlineData("", "body")]
    public async Task CreateSearch_UnreadableJson_Returns400NamingWhere(string body, string field)
    {
        using var response = await PostAsync(body);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.True(fields.Any(f => f.StartsWith(field, StringComparison.Ordinal)), $"expected an error at {field}, got: {string.Join(", ", fields)}");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CreateSearch_BodyOverTheLimit_Returns413(bool declaredLength)
    {
        var body = $$"""{"name":"{{new string('x', ApiHost.MaxRequestBytes)}}"}""";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/searches") { Content = content };
        if (!declaredLength) request.Headers.TransferEncodingChunked = true;

        using var response = await _api.Http.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Empty(_api.Orchestrations.Started);
    }

    [Fact]
    public async Task CreateSearch_TooManyActiveSearches_Returns429()
    {
        _api.Orchestrations.ActiveSearches = ApiHost.MaxConcurrentSearches;

        using var response = await PostAsync(ValidBody);

        await AssertProblemAsync(response, HttpStatusCode.TooManyRequests);
        Assert.Empty(_api.Orchestrations.Started);
    }

    [Theory]
    [InlineData("GET", "/api/searches/{0}")]
    [InlineData("GET", "/api/searches/{0}/front")]
    [InlineData("GET", "/api/searches/{0}/front.svg")]
    [InlineData("DELETE", "/api/searches/{0}")]
    public async Task SearchEndpoints_UnknownId_Return404(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), string.Format(System.Globalization.CultureInfo.InvariantCulture, path, Guid.NewGuid().ToString("N")));

        using var response = await _api.Http.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Empty(_api.Orchestrations.Terminated);
    }

    [Fact]
    public async Task GetFrontPlot_BeforeTheFirstGenerationCompletes_Returns404SayingSo()
    {
        var id = await CreateAsync();

        using var response = await _api.Http.GetAsync($"/api/searches/{id}/front.svg");

        var problem = await AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("has not completed a generation yet", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task GetFrontPlot_StoredPlot_ReturnsItAsSvg()
    {
        var id = await CreateAsync();
        const string svg = """<?xml version="1.0" encoding="utf-8"?><svg xmlns="http://www.w3.org/2000/svg"><text>front ü</text></svg>""";
        await _api.Store.SaveFrontPlotAsync(id, svg);

        using var response = await _api.Http.GetAsync($"/api/searches/{id}/front.svg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(svg, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DeleteSearch_RunningSearch_MarksItCancelledAndTerminatesIt()
    {
        using var created = await PostAsync(ValidBody);
        var id = (await created.Content.ReadFromJsonAsync<SearchAccepted>(SearchApiJson.Options))!.Id;

        using var response = await _api.Http.DeleteAsync($"/api/searches/{id}");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal([id], _api.Orchestrations.Terminated);
        var blobs = new Azure.Storage.Blobs.BlobServiceClient(storage.ConnectionString).GetBlobContainerClient(NasServerless.Contracts.StorageNames.SearchesContainer);
        Assert.True((await blobs.GetBlobClient(NasServerless.Orchestration.State.SearchPaths.Cancelled(id)).ExistsAsync()).Value, "trainers find queued jobs of a deleted search by its cancelled marker");
    }

    [Fact]
    public async Task ListSearches_SmallPages_ReturnEverySearchOnceWithContinuationTokens()
    {
        var ids = Enumerable.Range(0, 5).Select(i => $"search{i}").ToList();
        foreach (var id in ids) _api.Orchestrations.Add(id);

        var seen = new List<string>();
        string? token = null;
        for (var page = 0; page < 10; page++)
        {
            var url = "/api/searches?pageSize=2" + (token is null ? "" : $"&continuationToken={Uri.EscapeDataString(token)}");
            var list = await _api.Http.GetFromJsonAsync<SearchList>(url, SearchApiJson.Options);
            Assert.InRange(list!.Searches.Count, 1, 2);
            seen.AddRange(list.Searches.Select(s => s.Id));
            token = list.ContinuationToken;
            if (token is null) break;
        }

        Assert.Null(token);
        Assert.Equal(ids, seen);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("ten")]
    public async Task ListSearches_PageSizeOutOfRange_Returns400NamingPageSize(string pageSize)
    {
        using var response = await _api.Http.GetAsync($"/api/searches?pageSize={pageSize}");

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("pageSize", out _));
    }

    private async Task<string> CreateAsync()
    {
        using var created = await PostAsync(ValidBody);
        return (await created.Content.ReadFromJsonAsync<SearchAccepted>(SearchApiJson.Options))!.Id;
    }

    private async Task<HttpResponseMessage> PostAsync(string body) =>
        await _api.Http.PostAsync("/api/searches", new StringContent(body, Encoding.UTF8, "application/json"));

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }
}
