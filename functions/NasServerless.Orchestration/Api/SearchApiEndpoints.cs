using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace NasServerless.Orchestration.Api;

public static class SearchApiEndpoints
{
    /// <summary>The search API as minimal-API routes (the standalone host); the Functions app maps the same methods with HTTP triggers.</summary>
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder routes)
    {
        var searches = routes.MapGroup("/api/searches");
        searches.MapPost("", (HttpRequest request, SearchApi api, CancellationToken ct) => api.CreateAsync(request, ct));
        searches.MapGet("", (HttpRequest request, SearchApi api, CancellationToken ct) => api.ListAsync(request, ct));
        searches.MapGet("/{id}", (string id, SearchApi api, CancellationToken ct) => api.GetAsync(id, ct));
        searches.MapGet("/{id}/front", (string id, SearchApi api, CancellationToken ct) => api.GetFrontAsync(id, ct));
        searches.MapGet("/{id}/front.svg", (string id, SearchApi api, CancellationToken ct) => api.GetFrontPlotAsync(id, ct));
        searches.MapDelete("/{id}", (string id, SearchApi api, CancellationToken ct) => api.DeleteAsync(id, ct));
        return routes;
    }
}
