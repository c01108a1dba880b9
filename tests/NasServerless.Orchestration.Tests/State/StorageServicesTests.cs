using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NasServerless.Contracts;
using NasServerless.Testing;

namespace NasServerless.Orchestration.Tests.State;

/// <summary><c>AddSearchServices</c>'s storage clients through the real configuration, options and DI pipeline.</summary>
public sealed class StorageServicesTests
{
    private static IHost Build(Dictionary<string, string?> configuration, TokenCredential? credential = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.ClearProviders();
        // Registered first, as a host that picks its own credential would: AddSearchServices keeps it.
        if (credential is not null) builder.Services.AddSingleton(credential);
        builder.Services.AddSearchServices();
        return builder.Build();
    }

    [Fact]
    public async Task AddSearchServices_AccountName_ClientsAddressTheAccountAndAskTheInjectedCredentialForStorageTokens()
    {
        var credential = new ProbeCredential();
        using var host = Build(new() { ["Storage:AccountName"] = "nasstore" }, credential);
        await host.StartAsync();
        var blobs = host.Services.GetRequiredService<BlobServiceClient>();
        var queues = host.Services.GetRequiredService<QueueServiceClient>();

        Assert.Equal(new Uri("https://nasstore.blob.core.windows.net/"), blobs.Uri);
        Assert.Equal(new Uri("https://nasstore.queue.core.windows.net/"), queues.Uri);
        Assert.Equal("nasstore", blobs.AccountName);
        await Assert.ThrowsAsync<ProbeCredential.TokenRequested>(() => blobs.GetPropertiesAsync());
        await Assert.ThrowsAsync<ProbeCredential.TokenRequested>(() => queues.GetPropertiesAsync());
        Assert.Equal(2, credential.Requests.Count);
        Assert.All(credential.Requests, scopes => Assert.Equal([ProbeCredential.StorageScope], scopes));
        await host.StopAsync();
    }

    [Fact]
    public void AddSearchServices_AccountNameAndEndpointSuffix_ClientsAddressThatCloud()
    {
        using var host = Build(new() { ["Storage:AccountName"] = "nasstore", ["Storage:EndpointSuffix"] = "core.usgovcloudapi.net" }, new ProbeCredential());

        Assert.Equal(new Uri("https://nasstore.blob.core.usgovcloudapi.net/"), host.Services.GetRequiredService<BlobServiceClient>().Uri);
        Assert.Equal(new Uri("https://nasstore.queue.core.usgovcloudapi.net/"), host.Services.GetRequiredService<QueueServiceClient>().Uri);
    }

    [Fact]
    public void AddSearchServices_NoCredentialRegistered_DefaultsToDefaultAzureCredential()
    {
        using var host = Build(new() { ["Storage:AccountName"] = "nasstore" });

        Assert.IsType<DefaultAzureCredential>(host.Services.GetRequiredService<TokenCredential>());
    }

    [Fact]
    public void AddSearchServices_CredentialRegisteredAfterwards_ReplacesTheDefault()
    {
        var credential = new ProbeCredential();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSearchServices();
        builder.Services.AddSingleton<TokenCredential>(credential);
        using var host = builder.Build();

        Assert.Same(credential, host.Services.GetRequiredService<TokenCredential>());
    }

    [Theory]
    [InlineData(null, "http://127.0.0.1:10000/devstoreaccount1")]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:20000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:20001/devstoreaccount1;",
        "http://127.0.0.1:20000/devstoreaccount1")]
    public async Task AddSearchServices_ConnectionStringOrNothing_UsesTheConnectionStringAndNoCredential(string? connection, string blobUri)
    {
        var resolved = 0;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        if (connection is not null) builder.Configuration["Storage:ConnectionString"] = connection;
        builder.Services.AddSingleton<TokenCredential>(_ => { resolved++; return new ProbeCredential(); });
        builder.Services.AddSearchServices();
        using var host = builder.Build();
        await host.StartAsync();

        Assert.Equal(new Uri(blobUri), host.Services.GetRequiredService<BlobServiceClient>().Uri);
        Assert.NotNull(host.Services.GetRequiredService<QueueServiceClient>());
        Assert.False(host.Services.GetRequiredService<StorageAccount>().UsesTokenCredential);
        Assert.Equal(0, resolved);
        await host.StopAsync();
    }

    [Fact]
    public async Task Start_ConnectionStringAndAccountName_FailsValidationNamingBothKeys()
    {
        using var host = Build(new() { ["Storage:ConnectionString"] = "UseDevelopmentStorage=true", ["Storage:AccountName"] = "nasstore" }, new ProbeCredential());

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        var failure = Assert.Single(e.Failures);
        Assert.Contains("Storage:ConnectionString and Storage:AccountName are both set", failure);
        Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<BlobServiceClient>());
    }

    [Fact]
    public async Task Start_BadAccountName_FailsValidationNamingTheKey()
    {
        using var host = Build(new() { ["Storage:AccountName"] = "Nas_Store" }, new ProbeCredential());

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(e.Failures, f => f.Contains("Storage:AccountName 'Nas_Store' is not a storage account name"));
    }
}
