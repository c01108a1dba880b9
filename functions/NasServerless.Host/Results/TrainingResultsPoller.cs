using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using NasServerless.Contracts;
using NasServerless.Orchestration.Clients;

namespace NasServerless.Host.Results;

/// <summary>
/// The standalone host's stand-in for the Functions queue trigger: reads <c>training-results</c>, raises
/// each candidate's event, deletes the message. A message is deleted only after the event was raised, so
/// a crash re-delivers it (events are idempotent per attempt: the orchestration consumes the first one).
/// </summary>
public sealed class TrainingResultsPoller(QueueServiceClient queues, TrainingResultRelay relay, IOptions<ResultsPollerOptions> options, ILogger<TrainingResultsPoller> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var queue = queues.GetQueueClient(StorageNames.ResultsQueue);
        await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
        var idle = TimeSpan.FromMilliseconds(o.MinPollMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var messages = (await queue.ReceiveMessagesAsync(o.BatchSize, TimeSpan.FromSeconds(o.VisibilitySeconds), stoppingToken)).Value;
                foreach (var message in messages)
                {
                    await relay.RelayAsync(message.MessageText, stoppingToken);
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken);
                }
                idle = messages.Length > 0 ? TimeSpan.FromMilliseconds(o.MinPollMilliseconds) : TimeSpan.FromMilliseconds(Math.Min(o.MaxPollMilliseconds, idle.TotalMilliseconds * 2));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Reading {Queue} failed; retrying", StorageNames.ResultsQueue);
                idle = TimeSpan.FromMilliseconds(o.MaxPollMilliseconds);
            }
            await Task.Delay(idle, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
