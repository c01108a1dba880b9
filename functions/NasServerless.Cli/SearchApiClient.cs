using System.Net;
using System.Text;
using System.Text.Json;

namespace NasServerless.Cli;

/// <summary>The few calls the CLI makes; problem details from the API become one readable error.</summary>
public sealed class SearchApiClient(Uri api) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };

    public async Task<string> SubmitAsync(string definitionJson)
    {
        using var response = await _http.PostAsync("api/searches", new StringContent(definitionJson, Encoding.UTF8, "application/json"));
        var body = await ReadAsync(response);
        return body.GetProperty("id").GetString()!;
    }

    public async Task<JsonElement> StatusAsync(string id) => await ReadAsync(await _http.GetAsync($"api/searches/{Uri.EscapeDataString(id)}"));

    public async Task<JsonElement> FrontAsync(string id) => await ReadAsync(await _http.GetAsync($"api/searches/{Uri.EscapeDataString(id)}/front"));

    /// <summary>The front plot as SVG text.</summary>
    public async Task<string> FrontPlotAsync(string id)
    {
        using var response = await _http.GetAsync($"api/searches/{Uri.EscapeDataString(id)}/front.svg");
        return await ReadTextAsync(response);
    }

    /// <summary>Where the API serves the front plot of a search.</summary>
    public Uri FrontPlotUri(string id) => new(_http.BaseAddress!, $"api/searches/{Uri.EscapeDataString(id)}/front.svg");

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response) => JsonDocument.Parse(await ReadTextAsync(response)).RootElement.Clone();

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
