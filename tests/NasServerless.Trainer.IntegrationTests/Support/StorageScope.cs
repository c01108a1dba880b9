using System.Diagnostics;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using NasServerless.Contracts;
using NasServerless.Trainer.Storage;
using NasServerless.Trainer.Worker;

namespace NasServerless.Trainer.IntegrationTests.Support;

/// <summary>
/// A test's own queues and containers on the shared Azurite (names from a fresh prefix), the worker configuration
/// that points at them, and helpers to enqueue jobs and read what workers left behind.
/// </summary>
public sealed class StorageScope
{
    private StorageScope(string connectionString, string prefix)
    {
        ConnectionString = connectionString;
        Names = new Dictionary<string, string>
        {
            [nameof(WorkerOptions.JobsQueue)] = $"{prefix}-jobs",
            [nameof(WorkerOptions.ResultsQueue)] = $"{prefix}-results",
            [nameof(WorkerOptions.PoisonQueue)] = $"{prefix}-poison",
            [nameof(WorkerOptions.ResultsContainer)] = $"{prefix}-results",
            [nameof(WorkerOptions.CheckpointsContainer)] = $"{prefix}-checkpoints",
            [nameof(WorkerOptions.SearchesContainer)] = $"{prefix}-searches",
        };
        var queues = new QueueServiceClient(connectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        var blobs = new BlobServiceClient(connectionString);
        Jobs = queues.GetQueueClient(Names[nameof(WorkerOptions.JobsQueue)]);
        Results = queues.GetQueueClient(Names[nameof(WorkerOptions.ResultsQueue)]);
        Poison = queues.GetQueueClient(Names[nameof(WorkerOptions.PoisonQueue)]);
        ResultBlobs = blobs.GetBlobContainerClient(Names[nameof(WorkerOptions.ResultsContainer)]);
        Checkpoints = blobs.GetBlobContainerClient(Names[nameof(WorkerOptions.CheckpointsContainer)]);
        Searches = blobs.GetBlobContainerClient(Names[nameof(WorkerOptions.SearchesContainer)]);
    }

    public string ConnectionString { get; }
    public IReadOnlyDictionary<string, string> Names { get; }
    public QueueClient Jobs { get; }
    public QueueClient Results { get; }
    public QueueClient Poison { get; }
    public BlobContainerClient ResultBlobs { get; }
    public BlobContainerClient Checkpoints { get; }
    public BlobContainerClient Searches { get; }

    public static async Task<StorageScope> CreateAsync(AzuriteFixture azurite)
    {
        var scope = new StorageScope(azurite.ConnectionString, $"t{Guid.NewGuid():N}"[..12]);
        foreach (var queue in new[] { scope.Jobs, scope.Results, scope.Poison }) await queue.CreateAsync();
        foreach (var container in new[] { scope.ResultBlobs, scope.Checkpoints, scope.Searches }) await container.CreateAsync();
        return scope;
    }

    /// <summary>Worker configuration (section <c>Worker</c>) for this scope, with short timings for tests.</summary>
    public Dictionary<string, string?> WorkerConfiguration(string workerId)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Worker:ConnectionString"] = ConnectionString,
            ["Worker:WorkerId"] = workerId,
            ["Worker:VisibilityTimeout"] = "00:00:05",
            ["Worker:RenewInterval"] = "00:00:01",
            ["Worker:PollInterval"] = "00:00:00.100",
            ["Worker:MaxPollInterval"] = "00:00:00.500",
            ["Worker:RetryDelay"] = "00:00:01",
        };
        foreach (var (key, value) in Names) configuration[$"Worker:{key}"] = value;
        return configuration;
    }

    public static TrainingJob LookupJob(string searchId, string candidateId = "c-01201100", string architecture = "01201100", int attempt = 1, double simulatedSeconds = 0) =>
        new(searchId, $"instance-{searchId}", candidateId, attempt, "nas-bench-macro", $$"""{"architecture":"{{architecture}}"}""", "cifar-10",
            new TrainingBudget { SimulatedSeconds = simulatedSeconds }, Seed: 7);

    public async Task<string> EnqueueAsync(TrainingJob job) => await EnqueueRawAsync(ContractJson.Serialize(job));

    public async Task<string> EnqueueRawAsync(string text) => (await Jobs.SendMessageAsync(text)).Value.MessageId;

    /// <summary>Waits until <paramref name="count"/> result messages arrived (bounded), takes them off the queue and parses them.</summary>
    public async Task<List<TrainingResultMessage>> TakeResultMessagesAsync(int count, TimeSpan timeout)
    {
        var taken = new List<TrainingResultMessage>();
        var clock = Stopwatch.StartNew();
        while (taken.Count < count)
        {
            foreach (var message in (await Results.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30))).Value)
            {
                taken.Add(ContractJson.Deserialize<TrainingResultMessage>(QueueMessageText.Decode(message.Body.ToString())));
                await Results.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
            if (taken.Count >= count) break;
            if (clock.Elapsed > timeout) throw new TimeoutException($"{taken.Count} of {count} result messages arrived within {timeout}.");
            await Task.Delay(100);
        }
        return taken;
    }

    public async Task<int> VisibleJobCountAsync() => (await Jobs.PeekMessagesAsync(32)).Value.Length;

    public async Task<int> ApproximateJobCountAsync() => (await Jobs.GetPropertiesAsync()).Value.ApproximateMessagesCount;

    public async Task<PeekedMessage[]> PoisonMessagesAsync() => (await Poison.PeekMessagesAsync(32)).Value;

    public async Task<PeekedMessage[]> ResultMessagesPeekAsync() => (await Results.PeekMessagesAsync(32)).Value;

    public async Task<TrainingResult?> ReadResultAsync(string searchId, string candidateId)
    {
        var blob = ResultBlobs.GetBlobClient(StorageNames.ResultBlob(searchId, candidateId));
        if (!(await blob.ExistsAsync()).Value) return null;
        return ContractJson.Deserialize<TrainingResult>((await blob.DownloadContentAsync()).Value.Content.ToString());
    }

    public async Task<List<string>> BlobNamesAsync(BlobContainerClient container, string prefix = "")
    {
        var names = new List<string>();
        await foreach (var item in container.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = prefix })) names.Add(item.Name);
        return names;
    }

    public async Task CancelSearchAsync(string searchId) =>
        await Searches.GetBlobClient(SearchCancellation.MarkerBlob(searchId)).UploadAsync(BinaryData.FromString(""), overwrite: true);

    /// <summary>Polls <paramref name="condition"/> every 100 ms until it holds; fails after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"Waited {timeout.TotalSeconds:F0} s for {what}.");
            await Task.Delay(100);
        }
    }
}
