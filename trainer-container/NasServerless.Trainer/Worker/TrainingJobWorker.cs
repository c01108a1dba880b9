using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NasServerless.Contracts;
using NasServerless.Trainer.Checkpoints;
using NasServerless.Trainer.Storage;
using NasServerless.Trainer.Training;

namespace NasServerless.Trainer.Worker;

/// <summary>
/// Handles one <see cref="TrainingJob"/>: drops it if its search was cancelled; re-publishes the stored result if
/// the candidate already has one; otherwise trains it with the trainer for its search space (resuming from the
/// candidate's checkpoints), stores the result once (the first writer wins; a loser publishes the winner's), and
/// sends a <see cref="TrainingResultMessage"/> carrying this job's attempt. Queue handling is the base class's.
/// </summary>
public sealed class TrainingJobWorker : QueueWorker<TrainingJob>
{
    private readonly StorageClients _storage;
    private readonly ResultStore _results;
    private readonly IReadOnlyList<ICandidateTrainer> _trainers;
    private readonly ICheckpointStore _checkpoints;
    private readonly FinalWeightsExporter _weights;
    private readonly WorkerOptions _options;
    private readonly ILogger<TrainingJobWorker> _logger;

    public TrainingJobWorker(
        StorageClients storage,
        ResultStore results,
        IEnumerable<ICandidateTrainer> trainers,
        ICheckpointStore checkpoints,
        FinalWeightsExporter weights,
        IOptions<WorkerOptions> options,
        WorkerStatus status,
        IHostApplicationLifetime lifetime,
        ILogger<TrainingJobWorker> logger)
        : base(storage.Jobs, storage.Poison, options.Value, status, lifetime, logger)
    {
        _storage = storage;
        _results = results;
        _trainers = [.. trainers];
        _checkpoints = checkpoints;
        _weights = weights;
        _options = options.Value;
        _logger = logger;
    }

    protected override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (_options.CreateIfMissing) await _storage.EnsureCreatedAsync(cancellationToken);
        _logger.LogInformation("Worker {WorkerId} trainers: {Trainers}", _options.WorkerId,
            _trainers.Count == 0 ? "none" : string.Join(", ", _trainers.Select(t => t.GetType().Name)));
    }

    protected override IReadOnlyList<string> Validate(TrainingJob job)
    {
        var errors = new List<string>();
        RequireName(errors, "searchId", job.SearchId);
        RequireName(errors, "candidateId", job.CandidateId);
        if (string.IsNullOrWhiteSpace(job.InstanceId)) errors.Add("instanceId: missing");
        if (string.IsNullOrWhiteSpace(job.SearchSpace)) errors.Add("searchSpace: missing");
        if (job.Genome is null) errors.Add("genome: missing");
        if (job.Budget is null) errors.Add("budget: missing");
        return errors;
    }

    protected override IDisposable? BeginMessageScope(TrainingJob job) =>
        _logger.BeginScope("SearchId {SearchId} InstanceId {InstanceId} CandidateId {CandidateId} Attempt {Attempt}", job.SearchId, job.InstanceId, job.CandidateId, job.Attempt);

    protected override async Task<MessageDisposition> HandleAsync(TrainingJob job, MessageDelivery delivery, CancellationToken cancellationToken)
    {
        if (await _results.IsSearchCancelledAsync(job.SearchId, cancellationToken))
        {
            _logger.LogInformation("Search {SearchId} was cancelled; dropping job {CandidateId} attempt {Attempt}", job.SearchId, job.CandidateId, job.Attempt);
            return MessageDisposition.Complete;
        }

        if (await _results.ExistsAsync(job.SearchId, job.CandidateId, cancellationToken))
        {
            _logger.LogInformation("Result of {SearchId}/{CandidateId} already exists; re-publishing it for attempt {Attempt}", job.SearchId, job.CandidateId, job.Attempt);
            await PublishAsync(job);
            return MessageDisposition.Complete;
        }

        var trainer = _trainers.FirstOrDefault(t => t.CanTrain(job.SearchSpace));
        if (trainer is null)
        {
            _logger.LogWarning("No trainer on worker {WorkerId} handles search space {SearchSpace}; leaving {SearchId}/{CandidateId} to another worker",
                _options.WorkerId, job.SearchSpace, job.SearchId, job.CandidateId);
            return MessageDisposition.RetryLater;
        }

        TrainingResult result;
        var budgetErrors = job.Budget.Validate();
        if (budgetErrors.Count > 0)
        {
            result = Failed(job, $"invalid budget: {string.Join("; ", budgetErrors)}");
        }
        else
        {
            _logger.LogInformation("Training {SearchId}/{CandidateId} attempt {Attempt} ({SearchSpace}, delivery {DequeueCount}) with {Trainer}",
                job.SearchId, job.CandidateId, job.Attempt, job.SearchSpace, delivery.DequeueCount, trainer.GetType().Name);
            var clock = Stopwatch.StartNew();
            result = await trainer.TrainAsync(job, _checkpoints, cancellationToken);
            result = await _weights.AttachAsync(job, result, CancellationToken.None);
            _logger.LogInformation("Trained {SearchId}/{CandidateId} in {Elapsed:F1} s: failed {Failed}, validation accuracy {ValidationAccuracy:F4}, parameters {Parameters}",
                job.SearchId, job.CandidateId, clock.Elapsed.TotalSeconds, result.Failed, result.ValidationAccuracy, result.Parameters);
        }

        // The work is done: storing and announcing it is not abandoned on SIGTERM (both take milliseconds).
        await StoreAndPublishAsync(job, result with { SearchId = job.SearchId, CandidateId = job.CandidateId, Worker = _options.WorkerId });
        return MessageDisposition.Complete;
    }

    protected override async Task HandleExhaustedAsync(TrainingJob job, MessageDelivery delivery, CancellationToken cancellationToken)
    {
        if (await _results.IsSearchCancelledAsync(job.SearchId, cancellationToken))
        {
            _logger.LogInformation("Search {SearchId} was cancelled; dropping poison job {CandidateId}", job.SearchId, job.CandidateId);
            return;
        }
        var reason = $"poison job: dequeued {delivery.DequeueCount} times (limit {_options.MaxDequeueCount}) without a result; a copy is in queue {_storage.Poison.Name}";
        await StoreAndPublishAsync(job, Failed(job, reason));
    }

    private async Task StoreAndPublishAsync(TrainingJob job, TrainingResult result)
    {
        var stored = await _results.WriteOnceAsync(result, CancellationToken.None);
        if (stored.Written)
        {
            _logger.LogInformation("Stored result of {SearchId}/{CandidateId} (failed {Failed}{FailureReason})",
                job.SearchId, job.CandidateId, result.Failed, result.Failed ? $": {result.FailureReason}" : "");
        }
        else
        {
            _logger.LogInformation("Worker {OtherWorker} stored the result of {SearchId}/{CandidateId} first; publishing theirs",
                stored.Result.Worker ?? "(unknown)", job.SearchId, job.CandidateId);
        }
        await PublishAsync(job);
    }

    private async Task PublishAsync(TrainingJob job)
    {
        var message = new TrainingResultMessage(job.SearchId, job.InstanceId, job.CandidateId, job.Attempt, StorageNames.ResultBlob(job.SearchId, job.CandidateId));
        await _storage.Results.SendMessageAsync(QueueMessageText.Encode(ContractJson.Serialize(message), _options.MessageEncoding), CancellationToken.None);
        _logger.LogInformation("Published result of {SearchId}/{CandidateId} attempt {Attempt} to {ResultsQueue}", job.SearchId, job.CandidateId, job.Attempt, _storage.Results.Name);
    }

    private TrainingResult Failed(TrainingJob job, string reason) => new()
    {
        SearchId = job.SearchId,
        CandidateId = job.CandidateId,
        Failed = true,
        FailureReason = reason,
        ValidationAccuracy = 0,
        Worker = _options.WorkerId,
    };

    private static void RequireName(List<string> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Add($"{field}: missing");
        else if (value.Length > 200 || value.Contains('/') || value.Contains('\\') || value == "." || value == ".." || value.Any(char.IsControl))
            errors.Add($"{field}: '{value}' cannot be part of a blob name (no '/', '\\', control characters; at most 200 characters)");
    }
}
