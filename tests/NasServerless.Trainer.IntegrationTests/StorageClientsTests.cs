using Azure.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NasServerless.Contracts;
using NasServerless.Trainer.Storage;
using NasServerless.Trainer.Worker;

namespace NasServerless.Trainer.IntegrationTests;

/// <summary>The worker's queues and containers by account name and token credential, directly and through <c>AddTrainingWorker</c>.</summary>
public sealed class StorageClientsTests
{
    private static IHost Build(Dictionary<string, string?> configuration, TokenCredential? credential)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.ClearProviders();
        if (credential is not null) builder.Services.AddSingleton(credential);
        builder.AddTrainingWorker();
        return builder.Build();
    }

    [Fact]
    public async Task StorageClients_AccountName_AddressTheAccountAndAskTheCredentialForStorageTokens()
    {
        var credential = new ProbeCredential();
        var storage = new StorageClients(Options.Create(new WorkerOptions { AccountName = "nasstore" }), credential);

        Assert.Equal(new Uri($"https://nasstore.queue.core.windows.net/{StorageNames.JobsQueue}"), storage.Jobs.Uri);
        Assert.Equal(new Uri($"https://nasstore.queue.core.windows.net/{StorageNames.ResultsQueue}"), storage.Results.Uri);
        Assert.Equal(new Uri($"https://nasstore.blob.core.windows.net/{StorageNames.CheckpointsContainer}"), storage.Checkpoints.Uri);
        Assert.Equal(new Uri($"https://nasstore.blob.core.windows.net/{StorageNames.SearchesContainer}"), storage.Searches.Uri);
        await Assert.ThrowsAsync<ProbeCredential.TokenRequested>(() => storage.Jobs.GetPropertiesAsync());
        await Assert.ThrowsAsync<ProbeCredential.TokenRequested>(() => storage.ResultBlobs.GetPropertiesAsync());
        // Not retried: a credential that cannot give a token fails the worker's start at once, not after the storage retries.
        Assert.Equal(2, credential.Requests.Count);
        Assert.All(credential.Requests, scopes => Assert.Equal([ProbeCredential.StorageScope], scopes));
    }

    [Fact]
    public void StorageClients_AccountNameAndSuffix_AddressThatCloud()
    {
        var storage = new StorageClients(Options.Create(new WorkerOptions { AccountName = "nasstore", EndpointSuffix = "core.chinacloudapi.cn" }), new ProbeCredential());

        Assert.Equal(new Uri($"https://nasstore.queue.core.chinacloudapi.cn/{StorageNames.JobsQueue}"), storage.Jobs.Uri);
        Assert.Equal(new Uri($"https://nasstore.blob.core.chinacloudapi.cn/{StorageNames.ResultsContainer}"), storage.ResultBlobs.Uri);
    }

    [Fact]
    public async Task AddTrainingWorker_AccountNameAndARegisteredCredential_StorageClientsUseIt()
    {
        var credential = new ProbeCredential();
        using var host = Build(new() { ["Worker:AccountName"] = "nasstore" }, credential);
        var storage = host.Services.GetRequiredService<StorageClients>();

        Assert.Equal(new Uri($"https://nasstore.queue.core.windows.net/{StorageNames.PoisonQueue}"), storage.Poison.Uri);
        await Assert.ThrowsAsync<ProbeCredential.TokenRequested>(() => storage.Poison.GetPropertiesAsync());
        Assert.Single(credential.Requests);
    }

    [Fact]
    public void AddTrainingWorker_NoStorageSetting_AzuriteWithoutCredential()
    {
        using var host = Build([], credential: null);
        var storage = host.Services.GetRequiredService<StorageClients>();

        Assert.Equal("127.0.0.1", storage.Jobs.Uri.Host);
        Assert.Equal(AzuriteConnection.AccountName, storage.Jobs.AccountName);
    }

    [Fact]
    public async Task AddTrainingWorker_ConnectionStringAndAccountName_StartFailsNamingBothKeys()
    {
        using var host = Build(new() { ["Worker:ConnectionString"] = AzuriteConnection.ConnectionString(), ["Worker:AccountName"] = "nasstore" }, new ProbeCredential());

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(e.Failures, f => f.Contains("Worker:ConnectionString and Worker:AccountName are both set"));
    }
}
