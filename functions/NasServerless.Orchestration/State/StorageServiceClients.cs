using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using NasServerless.Contracts;

namespace NasServerless.Orchestration.State;

/// <summary>
/// The search account's blob and queue service clients, by connection string or by service URI with the DI-registered
/// <see cref="TokenCredential"/> (resolved only then, so a connection-string host never builds one).
/// </summary>
internal static class StorageServiceClients
{
    public static BlobServiceClient Blobs(IServiceProvider services)
    {
        var account = services.GetRequiredService<StorageAccount>();
        return account.UsesTokenCredential
            ? new BlobServiceClient(account.BlobServiceUri, services.GetRequiredService<TokenCredential>())
            : new BlobServiceClient(account.ConnectionString);
    }

    public static QueueServiceClient Queues(IServiceProvider services)
    {
        var account = services.GetRequiredService<StorageAccount>();
        return account.UsesTokenCredential
            ? new QueueServiceClient(account.QueueServiceUri, services.GetRequiredService<TokenCredential>())
            : new QueueServiceClient(account.ConnectionString);
    }
}
