using System.Collections.Concurrent;
using Azure.Storage.Queues;
using NasServerless.Contracts;
using NasServerless.Orchestration.Clients;
using NasServerless.Orchestration.State;
using NasServerless.Search.Spaces.NasBenchMacro;
using NasServerless.Testing;

namespace NasServerless.Orchestration.Tests.Support;

/// <summary>What the fake trainer does with one job.</summary>
public enum FakeReply
{
    /// <summary>Writes the table's result blob and relays the result message (a trainer that works).</summary>
    Answer,
    /// <summary>Writes the result blob but never sends the message (the message was lost, or the host missed it).</summary>
    ResultBlobOnly,
    /// <summary>Takes the job and does nothing (a trainer that died with it).</summary>
    Ignore,
}

/// <summary>
/// Stands in for the trainer workers: reads <c>training-jobs</c> every 50 ms, records each job of a registered
/// search, and replies as the test's policy says — result blob through <see cref="SearchStore.TryWriteResultAsync"/>
/// (the metrics are the NAS-Bench-Macro table's, as the lookup trainer gives them), event through the production
/// <see cref="TrainingResultRelay"/>. Jobs of searches the test did not register are deleted and ignored.
/// </summary>
public sealed class FakeTrainer : IAsyncDisposable
{
    private static readonly NasBenchMacroSpace Space = new();
    private readonly QueueClient _jobs;
    private readonly SearchStore _store;
    private readonly TrainingResultRelay _relay;
    private readonly NasBenchMacroEvaluator _evaluator;
    private readonly TestLog _log;
    private readonly ConcurrentDictionary<string, Func<TrainingJob, FakeReply>> _policies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<TrainingJob>> _received = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _emptyPolls;

    public FakeTrainer(QueueServiceClient queues, SearchStore store, TrainingResultRelay relay, NasBenchMacroTable table, TestLog log)
    {
        _jobs = queues.GetQueueClient(StorageNames.JobsQueue);
        _store = store;
        _relay = relay;
        _evaluator = new NasBenchMacroEvaluator(table);
        _log = log;
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Handles the search's jobs with <paramref name="policy"/> (default: answer every job).</summary>
    public void Register(string searchId, Func<TrainingJob, FakeReply>? policy = null) => _policies[searchId] = policy ?? (_ => FakeReply.Answer);

    /// <summary>Every job of the search received so far, in arrival order.</summary>
    public IReadOnlyList<TrainingJob> JobsOf(string searchId) => _received.TryGetValue(searchId, out var jobs) ? [.. jobs] : [];

    /// <summary>Writes the candidate's table result (first writer wins) and relays its message for <paramref name="attempt"/>.</summary>
    public async Task AnswerAsync(TrainingJob job, int? attempt = null)
    {
        await WriteResultAsync(job);
        await RelayAsync(job, attempt ?? job.Attempt);
    }

    public Task RelayAsync(TrainingJob job, int attempt) =>
        _relay.RelayAsync(ContractJson.Serialize(new TrainingResultMessage(job.SearchId, job.InstanceId, job.CandidateId, attempt, StorageNames.ResultBlob(job.SearchId, job.CandidateId))), CancellationToken.None);

    public async Task WriteResultAsync(TrainingJob job)
    {
        var evaluation = _evaluator.Evaluate(Space.Parse(job.Genome));
        await _store.TryWriteResultAsync(new TrainingResult
        {
            SearchId = job.SearchId,
            CandidateId = job.CandidateId,
            ValidationAccuracy = evaluation.Accuracy,
            TestAccuracy = evaluation.Accuracy,
            Parameters = evaluation.Parameters,
            Flops = evaluation.Flops,
            Worker = "fake-trainer",
        });
    }

    /// <summary>Waits (bounded) until the queue has been seen empty after this call, so every job sent before it is recorded.</summary>
    public Task DrainAsync(TimeSpan timeout)
    {
        var seen = Interlocked.Read(ref _emptyPolls);
        return Wait.UntilAsync(() => Interlocked.Read(ref _emptyPolls) > seen + 1, timeout, "the fake trainer saw training-jobs empty");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        await _jobs.CreateIfNotExistsAsync(cancellationToken: stop);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var messages = (await _jobs.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30), stop)).Value;
                if (messages.Length == 0)
                {
                    Interlocked.Increment(ref _emptyPolls);
                    await Task.Delay(50, stop);
                    continue;
                }
                foreach (var message in messages)
                {
                    await HandleAsync(ContractJson.Deserialize<TrainingJob>(message.MessageText));
                    await _jobs.DeleteMessageAsync(message.MessageId, message.PopReceipt, stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _log.Write($"{DateTime.Now:HH:mm:ss.fff} [fake-trainer] error: {e}");
                await Task.Delay(200, CancellationToken.None);
            }
        }
    }

    private async Task HandleAsync(TrainingJob job)
    {
        if (!_policies.TryGetValue(job.SearchId, out var policy))
        {
            _log.Write($"{DateTime.Now:HH:mm:ss.fff} [fake-trainer] dropped a job of unregistered search {job.SearchId}");
            return;
        }
        _received.GetOrAdd(job.SearchId, _ => new ConcurrentQueue<TrainingJob>()).Enqueue(job);
        var reply = policy(job);
        _log.Write($"{DateTime.Now:HH:mm:ss.fff} [fake-trainer] {job.CandidateId} attempt {job.Attempt} of {job.SearchId}: {reply}");
        switch (reply)
        {
            case FakeReply.Answer:
                await AnswerAsync(job);
                break;
            case FakeReply.ResultBlobOnly:
                await WriteResultAsync(job);
                break;
        }
    }
}
