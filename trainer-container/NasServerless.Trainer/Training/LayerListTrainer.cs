using System.Text.Json;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using NasServerless.Contracts;
using NasServerless.Search.Spaces.LayerList;
using NasServerless.Trainer.Checkpoints;
using NasServerless.Trainer.Datasets;
using NasServerless.Trainer.Export;
using TorchSharp;

namespace NasServerless.Trainer.Training;

/// <summary>
/// Trains a layer-list candidate with TorchSharp on <see cref="TrainerOptions.Device"/> (a GPU, or the CPU with
/// <see cref="TrainerOptions.Threads"/> libtorch threads): the genome's optimiser and learning rate with cosine decay over all steps, one dispose scope per step,
/// validation accuracy after every epoch (the fitness) and test accuracy at the end (for reports only).
/// <para>
/// Reproducible and resumable: weight initialisation, dropout masks and CIFAR augmentation come from the job's seed
/// (a private <c>torch.Generator</c> and seeded streams), the data order from (seed, epoch). A checkpoint — model,
/// optimiser, generator state, epoch and step — is saved after every epoch and when <c>cancellationToken</c> fires
/// (then <see cref="OperationCanceledException"/> is thrown); a run started again resumes from the newest checkpoint
/// and, on the CPU with the same thread count, ends bit-identical to an uninterrupted run (GPU kernels are not
/// bit-reproducible, so there a resumed run is only as close as two uninterrupted GPU runs are to each other).
/// </para>
/// <para>
/// Final weights: the trainer does not upload them and leaves <see cref="TrainingResult.WeightsBlob"/> null. The
/// checkpoint of the last epoch (sequence <c>Epochs × 1,000,000</c>) holds them in <c>Module.save</c> format: the worker
/// reads it with <see cref="ICheckpointStore.LoadLatestAsync"/> and <see cref="FinalWeights"/>, writes it to
/// <see cref="StorageNames.WeightsBlob"/> and sets <c>WeightsBlob</c> on the result.
/// </para>
/// <para>
/// Never throws for the candidate's own faults — a genome that does not parse or fails analysis (the reason names the
/// gene path), a dataset it cannot read, NaN/infinite loss, divergence, a libtorch error: those give a failed result.
/// It does throw for the environment's: a missing or corrupt dataset file (<see cref="DatasetException"/>), I/O errors
/// of the checkpoint store, cancellation.
/// </para>
/// </summary>
public sealed class LayerListTrainer : ICandidateTrainer
{
    public const string SearchSpaceName = "layer-list";

    private readonly TrainerOptions _options;
    private readonly DatasetCache _datasets;
    private readonly LayerListAnalyzer _analyzer;
    private readonly ITrainingObserver? _observer;

    /// <param name="spaceOptions">The space the genomes come from (value choices, parameter budget, classes); defaults when null.</param>
    /// <param name="observer">Told of resumption, steps and epochs (on the training thread).</param>
    /// <exception cref="TrainingDeviceUnavailableException">The configured device is a GPU that libtorch cannot see.</exception>
    public LayerListTrainer(TrainerOptions options, DatasetCache datasets, LayerListSpaceOptions? spaceOptions = null, ITrainingObserver? observer = null)
    {
        _options = options.EnsureValid();
        _datasets = datasets;
        _analyzer = new LayerListAnalyzer(spaceOptions ?? new LayerListSpaceOptions());
        if (_analyzer.Options.NumClasses != DatasetNames.ClassCount)
            throw new ArgumentException($"The space has {_analyzer.Options.NumClasses} classes; the datasets have {DatasetNames.ClassCount}.", nameof(spaceOptions));
        _observer = observer;
        Device = TrainingDevice.Resolve(_options.Device);
    }

    /// <summary>Where this trainer trains (<see cref="TrainerOptions.Device"/> resolved when the trainer was made).</summary>
    public torch.Device Device { get; }

    /// <summary>The job's own space when it carries one (the search validated the genome against it), else this trainer's.</summary>
    private LayerListAnalyzer AnalyzerFor(TrainingJob job) =>
        job.SpaceOptions is null
            ? _analyzer
            : new LayerListAnalyzer(JsonSerializer.Deserialize<LayerListSpaceOptions>(job.SpaceOptions, ContractJson.Options) ?? throw new ArgumentException("space options are null"));

    public bool CanTrain(string searchSpace) => string.Equals(searchSpace, SearchSpaceName, StringComparison.Ordinal);

    /// <summary>
    /// The files of <see cref="ModelExport"/> for a trained candidate's final weights (<see cref="FinalWeights"/>):
    /// the network the job's genome and space build, with the normalisation its training used.
    /// </summary>
    /// <exception cref="ArgumentException">The job is not a valid layer-list job, or the weights do not fit its genome.</exception>
    public IReadOnlyDictionary<string, byte[]> Export(TrainingJob job, TrainingResult result, byte[] weights)
    {
        if (!CanTrain(job.SearchSpace) || !DatasetNames.TryParse(job.Dataset, out var dataset)) throw new ArgumentException($"job {job.CandidateId} is not a layer-list job on a known dataset");
        var genome = LayerListGenomeJson.Parse(job.Genome);
        var normalisation = _datasets.Get(dataset, job.Budget.ValidationImages, (ulong)_options.DataSeed).Stats;
        var description = string.Create(CultureInfo.InvariantCulture,
            $"search {job.SearchId}, candidate {job.CandidateId}, {result.Parameters:N0} parameters, {dataset.ToId()}, validation accuracy {result.ValidationAccuracy:P2}, test accuracy {result.TestAccuracy:P2}, {job.Budget.Epochs} epoch(s)");
        return ModelExport.FromWeights(weights, genome, AnalyzerFor(job), dataset, normalisation, job.CandidateId, description);
    }

    /// <summary>The trained weights (<c>Module.save</c> format) held by a checkpoint payload.</summary>
    public static byte[] FinalWeights(Checkpoint checkpoint) => TrainingCheckpoint.Deserialize(checkpoint.Payload).ModelState;

    public Task<TrainingResult> TrainAsync(TrainingJob job, ICheckpointStore checkpoints, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(checkpoints);
        // CPU-bound: off the caller's thread, so that its lease renewal and signal handling keep running.
        return Task.Run(() => TrainCoreAsync(job, checkpoints, cancellationToken), CancellationToken.None);
    }

    private async Task<TrainingResult> TrainCoreAsync(TrainingJob job, ICheckpointStore checkpoints, CancellationToken cancellationToken)
    {
        TrainingResult Failed(string reason, GenomeAnalysis? analysis = null) => new()
        {
            SearchId = job.SearchId,
            CandidateId = job.CandidateId,
            Failed = true,
            FailureReason = reason,
            Parameters = analysis?.Parameters ?? 0,
            Flops = analysis?.Flops ?? 0,
        };

        if (!CanTrain(job.SearchSpace)) return Failed($"search space '{job.SearchSpace}' is not trained by {nameof(LayerListTrainer)}");
        var budgetErrors = job.Budget.Validate();
        if (budgetErrors.Count > 0) return Failed("budget: " + string.Join("; ", budgetErrors));
        if (!DatasetNames.TryParse(job.Dataset, out var datasetName)) return Failed($"dataset '{job.Dataset}' is unknown; expected one of: {string.Join(", ", Enum.GetValues<DatasetName>().Select(n => n.ToId()))}");

        LayerListGenome genome;
        try
        {
            genome = LayerListGenomeJson.Parse(job.Genome);
        }
        catch (FormatException e)
        {
            return Failed("genome: " + e.Message);
        }
        LayerListAnalyzer analyzer;
        try
        {
            analyzer = AnalyzerFor(job);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            return Failed("space options: " + e.Message);
        }
        var imageShape = datasetName.ImageShape();
        var analysis = analyzer.Analyze(genome, new TensorShape(imageShape.Channels, imageShape.Height, imageShape.Width));
        if (!analysis.IsValid) return Failed($"genome is invalid for {job.Dataset} ({imageShape}): {string.Join("; ", analysis.Errors)}", analysis);

        var data = _datasets.Get(datasetName, job.Budget.ValidationImages, (ulong)_options.DataSeed);
        var total = Stopwatch.StartNew();
        try
        {
            torch.set_num_threads(_options.Threads);
            using var run = new TrainingRun(job, genome, analysis, analyzer, data, _options, Device, Fingerprint(job, genome), _observer);
            var resumed = await ResumeAsync(run, checkpoints, cancellationToken);
            if (resumed is not null) _observer?.Resumed(job.CandidateId, resumed.Epoch, resumed.Step);
            var baseSeconds = resumed?.TotalSeconds ?? 0;

            while (run.Epoch < job.Budget.Epochs)
            {
                var completed = run.TrainEpoch(cancellationToken);
                if (!completed)
                {
                    await checkpoints.SaveAsync(job.SearchId, job.CandidateId, run.Capture(baseSeconds + total.Elapsed.TotalSeconds).ToCheckpoint(), CancellationToken.None);
                    cancellationToken.ThrowIfCancellationRequested();
                }
                var metrics = run.Validate();
                await checkpoints.SaveAsync(job.SearchId, job.CandidateId, run.Capture(baseSeconds + total.Elapsed.TotalSeconds).ToCheckpoint(), CancellationToken.None);
                _observer?.EpochCompleted(job.CandidateId, job.Budget.Epochs, metrics);
            }

            var test = _options.TestImages > 0 ? run.Test() : (double?)null;
            var epochs = run.Epochs;
            var stepSeconds = epochs.Sum(e => e.Seconds);
            return new TrainingResult
            {
                SearchId = job.SearchId,
                CandidateId = job.CandidateId,
                ValidationAccuracy = epochs.Count > 0 ? epochs[^1].ValidationAccuracy : 0,
                TestAccuracy = test,
                Parameters = analysis.Parameters,
                Flops = analysis.Flops,
                Seconds = baseSeconds + total.Elapsed.TotalSeconds,
                ImagesPerSecond = stepSeconds > 0 ? epochs.Sum(e => e.ImagesPerSecond * e.Seconds) / stepSeconds : 0,
                Epochs = epochs,
                Device = TrainingDevice.Name(Device),
            };
        }
        catch (TrainingFailedException e)
        {
            return Failed(e.Message, analysis);
        }
        catch (ExternalException e)
        {
            return Failed("libtorch error: " + e.Message, analysis);
        }
    }

    /// <summary>Restores the newest checkpoint, if any; a checkpoint of another configuration fails the candidate.</summary>
    private static async Task<TrainingCheckpoint?> ResumeAsync(TrainingRun run, ICheckpointStore checkpoints, CancellationToken cancellationToken)
    {
        var latest = await checkpoints.LoadLatestAsync(run.Job.SearchId, run.Job.CandidateId, cancellationToken);
        if (latest is null) return null;
        TrainingCheckpoint checkpoint;
        try
        {
            checkpoint = TrainingCheckpoint.Deserialize(latest.Payload);
        }
        catch (InvalidDataException e)
        {
            throw new TrainingFailedException($"checkpoint {latest.Sequence} cannot be read: {e.Message}");
        }
        if (checkpoint.JobFingerprint != run.Fingerprint)
            throw new TrainingFailedException($"checkpoint {latest.Sequence} belongs to another configuration ({checkpoint.JobFingerprint}), not {run.Fingerprint}");
        try
        {
            run.Restore(checkpoint);
        }
        catch (InvalidDataException e)
        {
            throw new TrainingFailedException($"checkpoint {latest.Sequence} does not fit the network: {e.Message}");
        }
        return checkpoint;
    }

    /// <summary>What a checkpoint must match to be resumed: genome, dataset, budget and seeds (not the thread count or device).</summary>
    private string Fingerprint(TrainingJob job, LayerListGenome genome) => string.Create(CultureInfo.InvariantCulture,
        $"genome={LayerListGenomeJson.Hash(genome)};dataset={job.Dataset};epochs={job.Budget.Epochs};subset={job.Budget.TrainSubset};validation={job.Budget.ValidationImages};batch={job.Budget.BatchSize};seed={job.Seed};dataSeed={_options.DataSeed};augment={_options.AugmentCifar}");
}
