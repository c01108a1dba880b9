using Azure.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NasServerless.Contracts;
using NasServerless.Host;
using NasServerless.Host.Durable;
using NasServerless.Testing;

namespace NasServerless.Integration.Tests;

/// <summary>The standalone host's storage wiring in process: the durable task hub by account name and token credential.</summary>
public sealed class HostStorageTests
{
    private static WebApplication Build(Dictionary<string, string?> configuration, TokenCredential credential)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        foreach (var (key, value) in configuration) builder.Configuration[key] = value;
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(credential);
        builder.AddStandaloneHost();
        return builder.Build();
    }

    [Fact]
    public void ClientProvider_AccountName_AddressesTheAccountsEndpoints()
    {
        var storage = StorageAccount.Resolve(null, "nasstore", "core.chinacloudapi.cn", "Storage", () => "unused");
        var provider = TaskHubService.ClientProvider(storage, new ProbeCredential());

        Assert.Equal(new Uri("https://nasstore.blob.core.chinacloudapi.cn/"), provider.Blob.CreateClient(provider.Blob.CreateOptions()).Uri);
        Assert.Equal(new Uri("https://nasstore.queue.core.chinacloudapi.cn/"), provider.Queue.CreateClient(provider.Queue.CreateOptions()).Uri);
        Assert.Equal(new Uri("https://nasstore.table.core.chinacloudapi.cn/"), provider.Table.CreateClient(provider.Table.CreateOptions()).Uri);
    }

    [Fact]
    public void ClientProvider_ConnectionString_UsesIt()
    {
        var storage = StorageAccount.Resolve("UseDevelopmentStorage=true", null, null, "Storage", () => "unused");
        var provider = TaskHubService.ClientProvider(storage, new ProbeCredential());

        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), provider.Blob.CreateClient(provider.Blob.CreateOptions()).Uri);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), provider.Table.CreateClient(provider.Table.CreateOptions()).Uri);
    }

    [Fact]
    public async Task TaskHub_AccountName_AsksTheRegisteredCredentialForStorageTokens()
    {
        var credential = new ProbeCredential();
        await using var app = Build(new() { ["Storage:AccountName"] = "nasstore" }, credential);
        Assert.True(StartupValidation.TryValidate(app.Services, TextWriter.Null));
        var hub = app.Services.GetRequiredService<TaskHubService>().Service;

        // Creating the task hub's queues, tables and lease blobs asks the credential first; nothing leaves the process.
        var e = await Assert.ThrowsAnyAsync<Exception>(() => hub.CreateIfNotExistsAsync());
        Assert.Contains(Causes(e), c => c is ProbeCredential.TokenRequested);
        Assert.NotEmpty(credential.Requests);
        Assert.All(credential.Requests, scopes => Assert.Equal([ProbeCredential.StorageScope], scopes));
    }

    [Fact]
    public async Task StartupValidation_ConnectionStringAndAccountName_OnePlainLineNamingBothKeys()
    {
        await using var app = Build(new() { ["Storage:ConnectionString"] = "UseDevelopmentStorage=true", ["Storage:AccountName"] = "nasstore" }, new ProbeCredential());
        var error = new StringWriter();

        Assert.False(StartupValidation.TryValidate(app.Services, error));
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("nas-host: invalid configuration: ", line);
        Assert.Contains("Storage:ConnectionString and Storage:AccountName are both set", line);
    }

    [Fact]
    public async Task StartupValidation_TwoOptionsInvalid_ReportsBoth()
    {
        await using var app = Build(new() { ["Storage:AccountName"] = "Nas_Store", ["Durable:PartitionCount"] = "99" }, new ProbeCredential());
        var error = new StringWriter();

        Assert.False(StartupValidation.TryValidate(app.Services, error));
        Assert.Contains("Storage:AccountName 'Nas_Store'", error.ToString());
        Assert.Contains("PartitionCount", error.ToString());
    }

    private static IEnumerable<Exception> Causes(Exception e) =>
        e is AggregateException aggregate ? aggregate.InnerExceptions.SelectMany(Causes).Prepend(e)
        : e.InnerException is { } inner ? Causes(inner).Prepend(e) : [e];
}
