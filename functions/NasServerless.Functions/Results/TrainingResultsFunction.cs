using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using NasServerless.Contracts;
using NasServerless.Functions.Durable;

namespace NasServerless.Functions.Results;

/// <summary>
/// Raises each <c>training-results</c> message as its candidate's event. A failure throws, so the queue
/// re-delivers the message (up to maxDequeueCount in host.json, then the poison queue); a malformed message
/// is logged and completed by the relay.
/// </summary>
public sealed class TrainingResultsFunction(DurableClientServices services)
{
    /// <summary>The app setting that names the search storage account (the same account as Storage__ConnectionString); resolved by the Functions host.</summary>
    public const string Connection = "SearchStorage";

    [Function("TrainingResults")]
    public async Task Run(
        [QueueTrigger(StorageNames.ResultsQueue, Connection = Connection)] string message, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        await services.Relay(client).RelayAsync(message, cancellationToken);
}
