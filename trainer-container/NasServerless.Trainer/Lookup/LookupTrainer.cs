using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NasServerless.Contracts;
using NasServerless.Search.Spaces.NasBenchMacro;
using NasServerless.Trainer.Checkpoints;
using NasServerless.Trainer.Training;

namespace NasServerless.Trainer.Lookup;

/// <summary>
/// Answers NAS-Bench-Macro jobs from the table, through the same queue, blob and idempotency path as real
/// training, so the whole system can be exercised at scale without a GPU. Accuracy is the table's mean CIFAR-10
/// accuracy as a fraction (the fitness, as <see cref="NasBenchMacroEvaluator"/> gives it; the table has only the
/// one accuracy, so it is reported as the test accuracy too). A job's <c>budget.simulatedSeconds</c> is slept in
/// checkpointed steps, honouring cancellation, and a resumed job sleeps only the steps left.
/// </summary>
public sealed class LookupTrainer : ICandidateTrainer
{
    public const string SearchSpaceName = "nas-bench-macro";

    private static readonly NasBenchMacroSpace Space = new();
    private readonly NasBenchMacroTable? _table;
    private readonly LookupTrainerOptions _options;
    private readonly ILogger<LookupTrainer> _logger;

    /// <summary>Loads the configured table now, so a missing or corrupt table fails the worker's start.</summary>
    /// <exception cref="NasBenchMacroTableException">The configured table is missing or not the benchmark.</exception>
    public LookupTrainer(IOptions<LookupTrainerOptions> options, ILogger<LookupTrainer> logger)
    {
        _options = options.Value;
        _logger = logger;
        if (string.IsNullOrWhiteSpace(_options.TablePath))
        {
            logger.LogInformation("No NAS-Bench-Macro table configured ({ConfigurationKey}): this worker leaves {SearchSpace} jobs to others",
                NasBenchMacroTable.PathConfigurationKey, SearchSpaceName);
            return;
        }
        _table = NasBenchMacroTable.Load(_options.TablePath);
        logger.LogInformation("NAS-Bench-Macro table {TablePath}: {Count} architectures", Path.GetFullPath(_options.TablePath), _table.Count);
    }

    public LookupTrainer(NasBenchMacroTable table, LookupTrainerOptions options, ILogger<LookupTrainer> logger)
    {
        _table = table;
        _options = options;
        _logger = logger;
    }

    public bool CanTrain(string searchSpace) => _table is not null && searchSpace == SearchSpaceName;

    public async Task<TrainingResult> TrainAsync(TrainingJob job, ICheckpointStore checkpoints, CancellationToken cancellationToken)
    {
        var table = _table ?? throw new InvalidOperationException("no NAS-Bench-Macro table is loaded");
        MacroArchitecture architecture;
        try
        {
            architecture = Space.Parse(job.Genome);
        }
        catch (FormatException e)
        {
            return new TrainingResult { SearchId = job.SearchId, CandidateId = job.CandidateId, Failed = true, FailureReason = e.Message };
        }

        var evaluation = new NasBenchMacroEvaluator(table).Evaluate(architecture);
        var simulated = job.Budget.SimulatedSeconds;
        if (simulated > 0) await SimulateAsync(job, architecture.Key, simulated, checkpoints, cancellationToken);
        return new TrainingResult
        {
            SearchId = job.SearchId,
            CandidateId = job.CandidateId,
            ValidationAccuracy = evaluation.Accuracy,
            TestAccuracy = evaluation.Accuracy,
            Parameters = evaluation.Parameters,
            Flops = evaluation.Flops,
            Seconds = simulated,
        };
    }

    private async Task SimulateAsync(TrainingJob job, string architecture, double seconds, ICheckpointStore checkpoints, CancellationToken cancellationToken)
    {
        var steps = Math.Max(1, (int)Math.Ceiling(seconds / _options.SimulatedStepSeconds - 1e-9));
        var stepDuration = TimeSpan.FromSeconds(seconds / steps);
        var done = 0;
        var latest = await checkpoints.LoadLatestAsync(job.SearchId, job.CandidateId, cancellationToken);
        if (latest is not null)
        {
            if (LookupCheckpoint.TryParse(latest.Payload) is { } saved && saved.Architecture == architecture && saved.Steps == steps && saved.Step >= 0 && saved.Step <= steps)
            {
                done = saved.Step;
                _logger.LogInformation("Resuming {CandidateId} from checkpoint {Sequence}: step {Step} of {Steps}", job.CandidateId, latest.Sequence, done, steps);
            }
            else
            {
                _logger.LogWarning("Checkpoint {Sequence} of {CandidateId} is not a simulation of {Steps} steps of {Architecture}; starting over",
                    latest.Sequence, job.CandidateId, steps, architecture);
            }
        }

        for (var step = done + 1; step <= steps; step++)
        {
            await Task.Delay(stepDuration, cancellationToken);
            var checkpoint = new LookupCheckpoint(architecture, step, steps);
            await checkpoints.SaveAsync(job.SearchId, job.CandidateId, new Checkpoint(step, checkpoint.ToBytes()), cancellationToken);
        }
    }
}
