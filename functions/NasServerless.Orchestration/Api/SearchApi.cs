using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NasServerless.Orchestration.Clients;
using NasServerless.Orchestration.Definitions;
using NasServerless.Orchestration.Messages;
using NasServerless.Orchestration.Reports;
using NasServerless.Orchestration.State;

namespace NasServerless.Orchestration.Api;

/// <summary>
/// The search HTTP API, shared by both hosts: each method parses, makes its calls, and answers with a
/// result; bad input is RFC 7807 problem details naming each field (400), unknown ids 404, bodies over
/// the limit 413, too many running searches 429.
/// </summary>
public sealed class SearchApi(ISearchOrchestrationClient client, SearchStore store, IOptions<SearchLimits> limits, TimeProvider clock, ILogger<SearchApi> logger)
{
    public async Task<IResult> CreateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(request, limits.Value.MaxRequestBytes, cancellationToken);
        if (body is null)
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large", detail: $"A search definition may be at most {limits.Value.MaxRequestBytes:N0} bytes.");

        SearchDefinition? definition;
        try
        {
            definition = body.Length == 0 ? null : JsonSerializer.Deserialize<SearchDefinition>(body, SearchApiJson.Options);
        }
        catch (JsonException e)
        {
            return Invalid(new ValidationError(FieldOf(e.Path), e.Message));
        }
        if (definition is null) return Invalid(new ValidationError("body", "a JSON search definition is required"));
        var errors = SearchDefinitionValidator.Validate(definition, limits.Value);
        if (errors.Count > 0) return Invalid([.. errors]);

        if (await client.CountActiveSearchesAsync(cancellationToken) >= limits.Value.MaxConcurrentSearches)
            return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many searches", detail: $"At most {limits.Value.MaxConcurrentSearches} searches may run at once; wait for one to finish or delete one.");

        var searchId = Guid.NewGuid().ToString("N");
        await store.SaveDefinitionAsync(searchId, definition);
        await client.StartSearchAsync(new SearchOrchestratorInput(searchId), cancellationToken);
        logger.LogInformation("Started search {SearchId} ({SearchSpace}, {Islands} islands x {PopulationSize}, seed {Seed})", searchId, definition.SearchSpace, definition.Evolution.Islands, definition.Evolution.PopulationSize, definition.Evolution.Seed);

        var self = $"{request.Scheme}://{request.Host}{request.PathBase}/api/searches/{searchId}";
        return new AcceptedWithLocation(Results.Json(new SearchAccepted(searchId, self, $"{self}/front", self), SearchApiJson.Options, statusCode: StatusCodes.Status202Accepted), self);
    }

    public async Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var pageSize = 20;
        if (request.Query.TryGetValue("pageSize", out var size) && (!int.TryParse(size, out pageSize) || pageSize is < 1 or > 100))
            return Invalid(new ValidationError("pageSize", "must be an integer from 1 to 100"));
        var page = await client.ListSearchesAsync(pageSize, request.Query["continuationToken"].FirstOrDefault(), cancellationToken);
        var statuses = new List<SearchStatus>(page.Searches.Count);
        foreach (var search in page.Searches) statuses.Add(await StatusOfAsync(search, cancellationToken));
        return Results.Json(new SearchList(statuses, page.ContinuationToken), SearchApiJson.Options);
    }

    public async Task<IResult> GetAsync(string id, CancellationToken cancellationToken)
    {
        var search = await client.GetSearchAsync(id, cancellationToken);
        return search is null ? NotFound(id) : Results.Json(await StatusOfAsync(search, cancellationToken), SearchApiJson.Options);
    }

    public async Task<IResult> GetFrontAsync(string id, CancellationToken cancellationToken)
    {
        if (await store.GetDefinitionAsync(id) is null) return NotFound(id);
        var front = await store.GetFrontAsync(id);
        return Results.Json(front is null ? new SearchFront(id, -1, 0, 0, []) : new SearchFront(id, front.Generation, front.Evaluations, front.Failed, front.Members), SearchApiJson.Options);
    }

    /// <summary>The front plot (<c>front.svg</c>) as stored; 404 before the first generation completes.</summary>
    public async Task<IResult> GetFrontPlotAsync(string id, CancellationToken cancellationToken)
    {
        if (await store.GetDefinitionAsync(id) is null) return NotFound(id);
        var svg = await store.GetFrontPlotAsync(id, cancellationToken);
        return svg is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No front plot yet", detail: $"Search '{id}' has not completed a generation yet; its front plot is drawn when the first one completes.")
            : Results.Bytes(svg.ToMemory(), FrontPlot.ContentType);
    }

    public async Task<IResult> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var search = await client.GetSearchAsync(id, cancellationToken);
        if (search is null) return NotFound(id);
        // Trainers skip queued jobs of a cancelled search; mark first so no job starts after termination.
        await store.MarkCancelledAsync(id);
        await client.TerminateSearchAsync(id, "deleted through the API", cancellationToken);
        logger.LogInformation("Terminated search {SearchId}", id);
        return Results.Accepted($"/api/searches/{id}");
    }

    private async Task<SearchStatus> StatusOfAsync(SearchInstance search, CancellationToken cancellationToken)
    {
        var definition = await store.GetDefinitionAsync(search.SearchId);
        var submitted = await store.GetSubmittedAtAsync(search.SearchId);
        var progress = search.Progress;
        var done = await store.CountResultsAsync(search.SearchId, cancellationToken);
        var failed = progress?.Failed ?? 0;
        var expected = await ExpectedEvaluationsAsync(search.SearchId, progress);
        var running = search.Status is SearchRuntimeStatus.Running or SearchRuntimeStatus.Pending;
        var generations = definition?.Evolution.Generations ?? progress?.Generations ?? 0;
        var completed = progress?.Generation ?? -1;
        // While running, the generation in progress; once finished, the last one.
        var generation = running ? Math.Min(completed + 1, generations) : Math.Max(completed, 0);
        double? estimate = null;
        if (running && completed >= 0 && submitted is { } start)
        {
            var elapsed = (clock.GetUtcNow() - start).TotalSeconds;
            estimate = Math.Round(elapsed / (completed + 1) * Math.Max(0, generations - completed), 1);
        }
        return new SearchStatus(search.SearchId, definition?.Name, search.Status, generation, generations,
            new CandidateCounts(done - failed, running ? Math.Max(0, expected - done) : 0, failed),
            progress?.BestAccuracy ?? 0, progress?.FrontSize ?? 0, submitted ?? search.CreatedAt, search.LastUpdatedAt, estimate, search.Failure);
    }

    /// <summary>Evaluations through the last completed generation plus the new candidates of the one in progress.</summary>
    private async Task<int> ExpectedEvaluationsAsync(string searchId, SearchProgress? progress)
    {
        var next = (progress?.Generation ?? -1) + 1;
        var plan = await store.TryGetPlanAsync(searchId, next);
        var planned = plan?.Islands.SelectMany(i => i).Count(c => c.Disposition == Search.Evolution.CandidateDisposition.New) ?? 0;
        return (progress?.Evaluations ?? 0) + planned;
    }

    /// <summary>The body, or null when it is longer than <paramref name="limit"/> bytes.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit) return null;
        }
        return buffer.ToArray();
    }

    private static IResult Invalid(params ValidationError[] errors) =>
        Results.ValidationProblem(
            errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            title: "The search definition is invalid",
            detail: string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")));

    private static IResult NotFound(string id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Search not found", detail: $"No search has the id '{id}'.");

    /// <summary>"$.evolution.populationSize" → "evolution.populationSize".</summary>
    private static string FieldOf(string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? "body" : jsonPath.TrimStart('$', '.');

    /// <summary>A JSON 202 that also sets the Location header to the status URL.</summary>
    private sealed class AcceptedWithLocation(IResult inner, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
