using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;

namespace NasServerless.Trainer.Worker;

/// <summary>
/// Holds one dequeued message invisible while it is handled: a background loop renews its visibility every
/// renew interval (each renewal returns a new pop receipt, which every later call must use). Calls on the message
/// are serialised, so a delete or release always uses the newest receipt. When a renewal finds the message gone
/// or taken (404, or 400 pop-receipt mismatch), the lease is lost and <see cref="Lost"/> fires.
/// </summary>
internal sealed class MessageLease : IAsyncDisposable
{
    private readonly QueueClient _queue;
    private readonly string _messageId;
    private readonly TimeSpan _visibility;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stopRenewing = new();
    private readonly Task _renewing;
    private string _popReceipt;
    private bool _ended;

    private MessageLease(QueueClient queue, QueueMessage message, TimeSpan visibility, TimeSpan renewInterval, ILogger logger)
    {
        _queue = queue;
        _messageId = message.MessageId;
        _popReceipt = message.PopReceipt;
        _visibility = visibility;
        _logger = logger;
        _renewing = RenewAsync(renewInterval);
    }

    /// <summary>Fires when another worker took the message or it was deleted: stop working on it.</summary>
    public CancellationToken Lost => _lost.Token;

    public bool IsLost => _lost.IsCancellationRequested;

    public static MessageLease Start(QueueClient queue, QueueMessage message, TimeSpan visibility, TimeSpan renewInterval, ILogger logger) =>
        new(queue, message, visibility, renewInterval, logger);

    /// <summary>Deletes the message (it is handled). A message already gone is logged, not an error.</summary>
    public async Task CompleteAsync()
    {
        await EndAsync(async () =>
        {
            await _queue.DeleteMessageAsync(_messageId, _popReceipt, CancellationToken.None);
            _logger.LogDebug("Deleted message {MessageId}", _messageId);
        });
    }

    /// <summary>Makes the message visible again after <paramref name="delay"/> (zero: at once), for this or another worker.</summary>
    public async Task ReleaseAsync(TimeSpan delay)
    {
        await EndAsync(async () =>
        {
            await _queue.UpdateMessageAsync(_messageId, _popReceipt, message: (BinaryData?)null, visibilityTimeout: delay, cancellationToken: CancellationToken.None);
            _logger.LogInformation("Released message {MessageId}: visible again in {Delay}", _messageId, delay);
        });
    }

    public async ValueTask DisposeAsync()
    {
        await StopRenewingAsync();
        _lost.Dispose();
        _stopRenewing.Dispose();
        _gate.Dispose();
    }

    private async Task EndAsync(Func<Task> operation)
    {
        await StopRenewingAsync();
        await _gate.WaitAsync();
        try
        {
            if (_ended) return;
            if (IsLost)
            {
                _ended = true;
                _logger.LogWarning("Lease on message {MessageId} was lost; leaving the message to whoever holds it", _messageId);
                return;
            }
            await operation();
            _ended = true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 400)
        {
            _ended = true;
            _logger.LogWarning("Message {MessageId} is no longer ours ({Status} {ErrorCode}): another worker holds it or it was deleted", _messageId, e.Status, e.ErrorCode);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task StopRenewingAsync()
    {
        if (!_stopRenewing.IsCancellationRequested) await _stopRenewing.CancelAsync();
        await _renewing;
    }

    private async Task RenewAsync(TimeSpan interval)
    {
        await Task.Yield();
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopRenewing.Token))
            {
                await _gate.WaitAsync(_stopRenewing.Token);
                try
                {
                    if (_ended) return;
                    // Not cancellable once sent: a cancelled renewal could have changed the receipt without our knowing.
                    var receipt = await _queue.UpdateMessageAsync(_messageId, _popReceipt, message: (BinaryData?)null, visibilityTimeout: _visibility, cancellationToken: CancellationToken.None);
                    _popReceipt = receipt.Value.PopReceipt;
                    _logger.LogDebug("Renewed lease on message {MessageId} until {NextVisibleOn:O}", _messageId, receipt.Value.NextVisibleOn);
                }
                catch (RequestFailedException e) when (e.Status is 404 or 400)
                {
                    _logger.LogWarning("Lost the lease on message {MessageId} ({Status} {ErrorCode}): another worker took it or it was deleted", _messageId, e.Status, e.ErrorCode);
                    await _lost.CancelAsync();
                    return;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _logger.LogWarning(e, "Renewing the lease on message {MessageId} failed; retrying at the next tick", _messageId);
                }
                finally
                {
                    _gate.Release();
                }
            }
        }
        catch (OperationCanceledException) when (_stopRenewing.IsCancellationRequested)
        {
            // Stopped: the handler is done with the message.
        }
    }
}
