using System.Diagnostics;
using Azure;
using Azure.Identity;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NasServerless.Contracts;
using NasServerless.Trainer.Storage;

namespace NasServerless.Trainer.Worker;

/// <summary>
/// The transport of a queue worker, for one typed message: polls the queue (backing off while it is empty),
/// takes one message at a time under a renewed lease, parses it (<see cref="ContractJson"/>, plain or Base64),
/// and hands it to the subclass. It owns every queue decision: an unparseable or invalid message is copied to the
/// poison queue and deleted; a message dequeued more than <see cref="WorkerOptions.MaxDequeueCount"/> times is
/// copied there and given to <see cref="HandleExhaustedAsync"/>; a handled message is deleted; a handler failure
/// makes the message visible again after <see cref="WorkerOptions.RetryDelay"/>; on stop (SIGTERM, Ctrl-C) the
/// handler is cancelled and the message is made visible again at once. Nothing a message does stops the loop.
/// It stops by itself after <see cref="WorkerOptions.MaxJobs"/> messages or <see cref="WorkerOptions.IdleExit"/>
/// of empty queue, and then stops the host.
/// </summary>
public abstract class QueueWorker<TMessage> : BackgroundService where TMessage : class
{
    private readonly QueueClient _queue;
    private readonly QueueClient _poison;
    private readonly WorkerOptions _options;
    private readonly WorkerStatus _status;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger _logger;

    protected QueueWorker(QueueClient queue, QueueClient poison, WorkerOptions options, WorkerStatus status, IHostApplicationLifetime lifetime, ILogger logger)
    {
        _queue = queue;
        _poison = poison;
        _options = options;
        _status = status;
        _lifetime = lifetime;
        _logger = logger;
    }

    /// <summary>Runs once before polling (e.g. creates queues and containers). An exception here stops the worker with exit code 1.</summary>
    protected virtual Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>What is wrong with a parsed message (missing ids...); any error sends it to the poison queue.</summary>
    protected abstract IReadOnlyList<string> Validate(TMessage message);

    /// <summary>A log scope naming the message (ids), e.g. from <see cref="LoggerExtensions.BeginScope"/> with a message template.</summary>
    protected abstract IDisposable? BeginMessageScope(TMessage message);

    /// <summary>Handles one message. Throws <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> fires.</summary>
    protected abstract Task<MessageDisposition> HandleAsync(TMessage message, MessageDelivery delivery, CancellationToken cancellationToken);

    /// <summary>Answers a message dequeued too often (already copied to the poison queue); it is deleted afterwards.</summary>
    protected abstract Task HandleExhaustedAsync(TMessage message, MessageDelivery delivery, CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await PrepareAsync(stoppingToken);
            await PollAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception e)
        {
            // Storage and sign-in errors (token credential) say all in their message (after the SDK's retries); anything
            // else gets its stack trace.
            if (e is RequestFailedException or AuthenticationFailedException or AggregateException) _logger.LogCritical("Worker {WorkerId} cannot go on: {Error}", _options.WorkerId, e.Message);
            else _logger.LogCritical(e, "Worker {WorkerId} cannot go on: {Error}", _options.WorkerId, e.Message);
            _status.Fail();
        }
        finally
        {
            _lifetime.StopApplication();
        }
    }

    private async Task PollAsync(CancellationToken stoppingToken)
    {
        _logger.LogInformation("Worker {WorkerId} polling queue {Queue} (visibility {Visibility}, renewal every {RenewInterval}, max dequeue count {MaxDequeueCount})",
            _options.WorkerId, _queue.Name, _options.VisibilityTimeout, _options.RenewInterval, _options.MaxDequeueCount);
        var delay = _options.PollInterval;
        var idle = Stopwatch.StartNew();
        while (!stoppingToken.IsCancellationRequested)
        {
            if (_options.MaxJobs > 0 && _status.Messages >= _options.MaxJobs)
            {
                _logger.LogInformation("Worker {WorkerId} handled {Messages} message(s), its limit; stopping", _options.WorkerId, _status.Messages);
                return;
            }

            QueueMessage? message = null;
            try
            {
                message = (await _queue.ReceiveMessageAsync(_options.VisibilityTimeout, stoppingToken)).Value;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogWarning(e, "Receiving from queue {Queue} failed; retrying in {Delay}", _queue.Name, delay);
            }

            if (message is null)
            {
                if (_options.IdleExit > TimeSpan.Zero && idle.Elapsed >= _options.IdleExit)
                {
                    _logger.LogInformation("Queue {Queue} has been empty for {IdleExit}; worker {WorkerId} stopping", _queue.Name, _options.IdleExit, _options.WorkerId);
                    return;
                }
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxPollInterval.Ticks));
                continue;
            }

            delay = _options.PollInterval;
            await ProcessAsync(message, stoppingToken);
            idle.Restart();
        }
    }

    private async Task ProcessAsync(QueueMessage message, CancellationToken stoppingToken)
    {
        _status.CountMessage();
        var delivery = new MessageDelivery(message.MessageId, message.DequeueCount, message.Body.ToString());
        using var messageScope = _logger.BeginScope("Message {MessageId} delivery {DequeueCount}", delivery.MessageId, delivery.DequeueCount);
        await using var lease = MessageLease.Start(_queue, message, _options.VisibilityTimeout, _options.RenewInterval, _logger);

        if (!TryParse(delivery.Text, out var parsed, out var error))
        {
            _logger.LogWarning("Message {MessageId} is not a valid {MessageType} ({Error}); moving it to queue {PoisonQueue}", delivery.MessageId, typeof(TMessage).Name, error, _poison.Name);
            await GuardAsync(lease, async () =>
            {
                await _poison.SendMessageAsync(delivery.Text, CancellationToken.None);
                await lease.CompleteAsync();
            });
            return;
        }

        using var typedScope = BeginMessageScope(parsed);
        using var handling = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lease.Lost);
        try
        {
            var disposition = MessageDisposition.Complete;
            if (delivery.DequeueCount > _options.MaxDequeueCount)
            {
                _logger.LogWarning("Message {MessageId} was dequeued {DequeueCount} times, over the limit of {MaxDequeueCount}; copying it to queue {PoisonQueue}",
                    delivery.MessageId, delivery.DequeueCount, _options.MaxDequeueCount, _poison.Name);
                await _poison.SendMessageAsync(delivery.Text, CancellationToken.None);
                await HandleExhaustedAsync(parsed, delivery, handling.Token);
            }
            else
            {
                disposition = await HandleAsync(parsed, delivery, handling.Token);
            }

            if (disposition == MessageDisposition.Complete) await lease.CompleteAsync();
            else await lease.ReleaseAsync(_options.RetryDelay);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _logger.LogInformation("Stopping: releasing message {MessageId} so that another worker takes it at once", delivery.MessageId);
            await GuardAsync(lease, () => lease.ReleaseAsync(TimeSpan.Zero), releaseOnFailure: false);
        }
        catch (OperationCanceledException) when (lease.IsLost)
        {
            _logger.LogWarning("Abandoned message {MessageId}: its lease was lost to another worker", delivery.MessageId);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Handling message {MessageId} failed; it becomes visible again in {RetryDelay}", delivery.MessageId, _options.RetryDelay);
            await GuardAsync(lease, () => lease.ReleaseAsync(_options.RetryDelay), releaseOnFailure: false);
        }
    }

    private bool TryParse(string text, out TMessage message, out string error)
    {
        message = null!;
        try
        {
            message = ContractJson.Deserialize<TMessage>(QueueMessageText.Decode(text));
        }
        catch (FormatException e)
        {
            error = e.Message;
            return false;
        }
        var errors = Validate(message);
        error = string.Join("; ", errors);
        return errors.Count == 0;
    }

    /// <summary>Runs a queue operation; a failure is logged and (unless told otherwise) the message is released for a retry.</summary>
    private async Task GuardAsync(MessageLease lease, Func<Task> operation, bool releaseOnFailure = true)
    {
        try
        {
            await operation();
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Queue operation on message failed; the message becomes visible again when its lease lapses");
            if (!releaseOnFailure) return;
            try
            {
                await lease.ReleaseAsync(_options.RetryDelay);
            }
            catch (Exception inner)
            {
                _logger.LogError(inner, "Releasing the message failed as well");
            }
        }
    }
}
