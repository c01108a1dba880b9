using Microsoft.Extensions.Logging;
using NasServerless.Contracts;
using NasServerless.Orchestration.Orchestrators;

namespace NasServerless.Orchestration.Clients;

/// <summary>
/// Turns a <c>training-results</c> message into the external event its candidate orchestration waits for.
/// Used by the Functions app's queue trigger and by the standalone host's queue poller.
/// </summary>
public sealed class TrainingResultRelay(ISearchOrchestrationClient client, ILogger<TrainingResultRelay> logger)
{
    /// <summary>Raises the event; a malformed message is logged and dropped (returns false) rather than retried forever.</summary>
    public async Task<bool> RelayAsync(string messageText, CancellationToken cancellationToken)
    {
        TrainingResultMessage message;
        try
        {
            message = ContractJson.Deserialize<TrainingResultMessage>(messageText);
        }
        catch (FormatException e)
        {
            logger.LogError(e, "Dropped a malformed training-results message: {Message}", messageText.Length > 500 ? messageText[..500] : messageText);
            return false;
        }
        await client.RaiseEventAsync(message.InstanceId, EvaluateCandidateOrchestrator.EventName(message.CandidateId, message.Attempt), message, cancellationToken);
        logger.LogInformation("Relayed result of {CandidateId} attempt {Attempt} to {InstanceId} of {SearchId}", message.CandidateId, message.Attempt, message.InstanceId, message.SearchId);
        return true;
    }
}
