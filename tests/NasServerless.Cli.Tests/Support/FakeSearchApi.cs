using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NasServerless.Orchestration.Api;
using NasServerless.Orchestration.Reports;

namespace NasServerless.Cli.Tests.Support;

/// <summary>
/// The routes of the search API that nas-cli calls, served by Kestrel on 127.0.0.1 with a free port. A request answers
/// what the test set with <see cref="Answer(string, Func{IResult})"/> (keyed "METHOD /path"); otherwise a submit is
/// accepted as <see cref="NewSearchId"/> and any other id is unknown, with the problem details <see cref="SearchApi"/>
/// answers. Every request line and submitted body is recorded.
/// </summary>
public sealed class FakeSearchApi : IAsyncDisposable
{
    public const string NewSearchId = "5ea4c4e1d2b94f0c8a7e6b5d4c3b2a19";

    private readonly ConcurrentDictionary<string, Func<IResult>> _answers = new();
    private WebApplication? _app;

    private FakeSearchApi()
    {
    }

    /// <summary>The base address, as users pass it to --api (http://127.0.0.1:PORT/).</summary>
    public string Api { get; private set; } = "";

    /// <summary>"METHOD /path" of every request, in arrival order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>The bodies POSTed to /api/searches.</summary>
    public ConcurrentQueue<string> Definitions { get; } = new();

    public static async Task<FakeSearchApi> StartAsync()
    {
        var fake = new FakeSearchApi();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            fake.Requests.Enqueue($"{context.Request.Method} {context.Request.Path}");
            await next(context);
        });
        app.MapPost("/api/searches", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            fake.Definitions.Enqueue(await reader.ReadToEndAsync());
            return fake.AnswerTo("POST /api/searches") ?? Accepted(request);
        });
        app.MapGet("/api/searches/{id}", (string id) => fake.AnswerTo($"GET /api/searches/{id}") ?? NotFound(id));
        app.MapGet("/api/searches/{id}/front", (string id) => fake.AnswerTo($"GET /api/searches/{id}/front") ?? NotFound(id));
        app.MapGet("/api/searches/{id}/front.svg", (string id) => fake.AnswerTo($"GET /api/searches/{id}/front.svg") ?? NotFound(id));
        await app.StartAsync();
        fake._app = app;
        fake.Api = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/";
        return fake;
    }

    public void Answer(string request, Func<IResult> answer) => _answers[request] = answer;

    public void Answer(string request, IResult answer) => Answer(request, () => answer);

    /// <summary>A search the API knows, serialized as the API serializes it; a null plot answers as before the first generation.</summary>
    public void AddSearch(SearchStatus status, SearchFront front, byte[]? plot)
    {
        Answer($"GET /api/searches/{status.Id}", Results.Json(status, SearchApiJson.Options));
        Answer($"GET /api/searches/{status.Id}/front", Results.Json(front, SearchApiJson.Options));
        Answer($"GET /api/searches/{status.Id}/front.svg", plot is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No front plot yet", detail: $"Search '{status.Id}' has not completed a generation yet; its front plot is drawn when the first one completes.")
            : Results.Bytes(plot, FrontPlot.ContentType));
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private IResult? AnswerTo(string request) => _answers.TryGetValue(request, out var answer) ? answer() : null;

    private static IResult Accepted(HttpRequest request)
    {
        var self = $"{request.Scheme}://{request.Host}/api/searches/{NewSearchId}";
        return Results.Json(new SearchAccepted(NewSearchId, self, $"{self}/front", self), SearchApiJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    private static IResult NotFound(string id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Search not found", detail: $"No search has the id '{id}'.");
}
