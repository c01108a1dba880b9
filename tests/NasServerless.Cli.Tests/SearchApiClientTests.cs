using Microsoft.AspNetCore.Http;
using NasServerless.Cli.Tests.Support;

namespace NasServerless.Cli.Tests;

/// <summary>What the client makes of an API that is slow, behind a path prefix, or not the API at all.</summary>
public sealed class SearchApiClientTests : IAsyncLifetime
{
    private FakeSearchApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeSearchApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Status_ApiSlowerThanTheRequestTimeout_UnavailableNamingTheTimeout()
    {
        _api.Answer("GET /api/searches/slow", () =>
        {
            Thread.Sleep(TimeSpan.FromSeconds(3));
            return Results.Ok();
        });
        using var client = new SearchApiClient(new Uri(_api.Api), TimeSpan.FromSeconds(0.5));

        var error = await Assert.ThrowsAsync<SearchApiUnavailableException>(() => client.StatusAsync("slow"));

        Assert.Contains("did not answer GET", error.Message);
        Assert.Contains("within 0.5 s", error.Message);
    }

    [Fact]
    public async Task Status_SuccessThatIsNotJson_UnavailableQuotingTheStartOfTheBody()
    {
        _api.Answer("GET /api/searches/proxy", Results.Text("<html><body>Gateway says hello</body></html>", "text/html"));
        using var client = new SearchApiClient(new Uri(_api.Api));

        var error = await Assert.ThrowsAsync<SearchApiUnavailableException>(() => client.StatusAsync("proxy"));

        Assert.Contains("answered 200 with something that is not JSON: <html><body>Gateway says hello", error.Message);
    }

    [Fact]
    public async Task Status_ApiBehindAPathPrefix_CallsUnderThePrefix()
    {
        using var client = new SearchApiClient(new Uri(_api.Api + "nas"));

        await Assert.ThrowsAsync<CliException>(() => client.StatusAsync("abc"));

        Assert.Contains("GET /nas/api/searches/abc", _api.Requests);
    }
}
