using System.Net;
using System.Text;
using System.Text.Json;

namespace NasServerless.Cli;

/// <summary>
/// The few calls the CLI makes; problem details from the API become one readable error (<see cref="CliException"/>),
/// and an API that does not answer in time or answers something that is not JSON a <see cref="SearchApiUnavailableException"/>.
/// </summary>
/// <param name="api">The API's base address; a path (an API behind a gateway prefix) is kept.</param>
/// <param name="requestTimeout">How long one request may take (30 s by default).</param>
public sealed class SearchApiClient(Uri api, TimeSpan? requestTimeout = null) : IDisposable
{
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(30);

    // Relative paths resolve under the base address only when it ends with '/': http://gw/nas -> http://gw/nas/api/...
    private readonly HttpClient _http = new()
    {
        BaseAddress = api.AbsoluteUri.EndsWith('/') ? api : new Uri(api.AbsoluteUri + "/"),
        Timeout = Timeout.InfiniteTimeSpan,
    };
    private readonly TimeSpan _requestTimeout = requestTimeout ?? DefaultRequestTimeout;

    public async Task<string> SubmitAsync(string definitionJson)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, "api/searches") { Content = new StringContent(definitionJson, Encoding.UTF8, "application/json") });
        var body = await ReadAsync(response);
        return body.GetProperty("id").GetString()!;
    }

    public async Task<JsonElement> StatusAsync(string id) => await ReadAsync(await GetAsync($"api/searches/{Uri.EscapeDataString(id)}"));

    public async Task<JsonElement> FrontAsync(string id) => await ReadAsync(await GetAsync($"api/searches/{Uri.EscapeDataString(id)}/front"));

    /// <summary>The front plot as SVG text.</summary>
    public async Task<string> FrontPlotAsync(string id)
    {
        using var response = await GetAsync($"api/searches/{Uri.EscapeDataString(id)}/front.svg");
        return await ReadTextAsync(response);
    }

    /// <summary>Where the API serves the front plot of a search.</summary>
    public Uri FrontPlotUri(string id) => new(_http.BaseAddress!, $"api/searches/{Uri.EscapeDataString(id)}/front.svg");

    private Task<HttpResponseMessage> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    /// <summary>One request, whole response read, within the request timeout.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using (request)
        using (var timeout = new CancellationTokenSource(_requestTimeout))
        {
            try
            {
                var response = await _http.SendAsync(request, timeout.Token);
                await response.Content.LoadIntoBufferAsync(timeout.Token);
                return response;
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                throw new SearchApiUnavailableException($"the search API at {_http.BaseAddress} did not answer {request.Method} {request.RequestUri} within {_requestTimeout.TotalSeconds.ToString("G3", System.Globalization.CultureInfo.InvariantCulture)} s");
            }
        }
    }

    private async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await ReadTextAsync(response);
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            var start = text.Length > 120 ? text[..120] + "…" : text;
            throw new SearchApiUnavailableException($"the search API at {_http.BaseAddress} answered {(int)response.StatusCode} with something that is not JSON: {start.ReplaceLineEndings(" ")}");
        }
    }

    private static async Task<string> ReadTextAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (response.IsSuccessStatusCode) return text;
        throw new CliException($"{(int)response.StatusCode} {response.StatusCode}: {Describe(text, response.StatusCode)}");
    }

    private static string Describe(string text, HttpStatusCode status)
    {
        try
        {
            var problem = JsonDocument.Parse(text).RootElement;
            return problem.TryGetProperty("detail", out var detail) ? detail.GetString() ?? text : problem.GetProperty("title").GetString() ?? text;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return string.IsNullOrWhiteSpace(text) ? status.ToString() : text;
        }
    }

    public void Dispose() => _http.Dispose();
}
