using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NasServerless.Orchestration.Api;
using NasServerless.Orchestration.Clients;
using NasServerless.Orchestration.State;
using NasServerless.Testing;
using Xunit.Abstractions;

namespace NasServerless.Orchestration.Tests.Support;

/// <summary>
/// The search HTTP API as the standalone host serves it (<see cref="OrchestrationServiceCollectionExtensions.AddSearchServices"/> +
/// <see cref="SearchApiEndpoints.MapSearchApi"/>) on 127.0.0.1 with a free port, search state on Azurite, and a fake
/// orchestration client instead of a durable runtime.
/// </summary>
public sealed class ApiHost : IAsyncDisposable
{
    public const int MaxRequestBytes = 4096;
    public const int MaxConcurrentSearches = 2;

    private readonly WebApplication _app;
    private readonly IDisposable _attached;

    private ApiHost(WebApplication app, Uri address, IDisposable attached)
    {
        _app = app;
        _attached = attached;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public FakeSearchOrchestrationClient Orchestrations => (FakeSearchOrchestrationClient)_app.Services.GetRequiredService<ISearchOrchestrationClient>();

    public SearchStore Store => _app.Services.GetRequiredService<SearchStore>();

    public HttpClient Http { get; }

    public static async Task<ApiHost> StartAsync(StorageFixture storage, ITestOutputHelper output)
    {
        var log = new TestLog();
        var attached = log.Attach(output);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["Storage:ConnectionString"] = storage.ConnectionString;
        builder.Configuration["SearchLimits:MaxRequestBytes"] = $"{MaxRequestBytes}";
        builder.Configuration["SearchLimits:MaxConcurrentSearches"] = $"{MaxConcurrentSearches}";
        builder.Logging.ClearProviders().AddProvider(new TestLoggerProvider(log, "api")).AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.AddSearchServices().AddSearchApi();
        builder.Services.AddSingleton<ISearchOrchestrationClient, FakeSearchOrchestrationClient>();
        var app = builder.Build();
        app.MapSearchApi();
        await app.StartAsync();
        await app.Services.GetRequiredService<SearchStore>().EnsureContainersAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ApiHost(app, new Uri(address), attached);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _attached.Dispose();
    }
}
