using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using NasServerless.Contracts;
using NasServerless.Search.Spaces.LayerList;
using NasServerless.Trainer.Checkpoints;
using NasServerless.Trainer.Datasets;
using NasServerless.Trainer.Export;
using NasServerless.Trainer.Training;

namespace NasServerless.Trainer.App;

/// <summary>
/// <c>train</c>: one-off local training of a layer-list genome, without queues. Prints a line per epoch and the result
/// as JSON. Exit codes: 0 trained, 1 the candidate failed (NaN loss, divergence, …), 2 bad arguments, a bad genome
/// or an unknown dataset, 3 a dataset file is missing or corrupt, 130 interrupted (Ctrl+C or SIGTERM; the checkpoint is saved, and
/// running the same command with the same <c>--checkpoints</c> resumes). <c>--export DIR</c> writes the trained network
/// for PyTorch (<see cref="ModelExport"/>: model.safetensors, model.py, genome.json).
/// </summary>
internal static class TrainCommand
{
    private const string UsageText =
        "usage: nas train --genome FILE --dataset mnist|fashion-mnist|cifar-10 [--epochs N] [--train-subset N] [--batch-size N] " +
        "[--validation N] [--threads N] [--device auto|cpu|cuda[:N]] [--seed S] [--json FILE] [--checkpoints DIR] [--weights FILE] [--export DIR]";

    private static readonly JsonSerializerOptions Indented = new(ContractJson.Options) { WriteIndented = true };

    public static async Task<int> RunAsync(string[] args)
    {
        var options = TrainArguments.Parse(args, out var error);
        if (options is null) return CommandLine.Usage($"train: {error}\n{UsageText}");
        if (options.Help)
        {
            Console.WriteLine(UsageText);
            return 0;
        }

        if (!DatasetNames.TryParse(options.Dataset, out var dataset))
            return CommandLine.Usage($"train: unknown dataset '{options.Dataset}'; expected one of: {string.Join(", ", Enum.GetValues<DatasetName>().Select(n => n.ToId()))}.");
        if (!File.Exists(options.GenomeFile)) return CommandLine.Usage($"train: genome file '{options.GenomeFile}' not found.");

        LayerListGenome genome;
        try
        {
            genome = LayerListGenomeJson.Parse(await File.ReadAllTextAsync(options.GenomeFile));
        }
        catch (FormatException e)
        {
            return CommandLine.Usage($"train: {options.GenomeFile}: {e.Message}");
        }
        var shape = dataset.ImageShape();
        var analysis = new LayerListAnalyzer(new LayerListSpaceOptions()).Analyze(genome, new TensorShape(shape.Channels, shape.Height, shape.Width));
        if (!analysis.IsValid)
        {
            return CommandLine.Usage($"train: {options.GenomeFile} is not a valid genome for {dataset.ToId()} ({shape}):\n"
                                     + string.Join("\n", analysis.Errors.Select(e => $"  {e.Path}: {e.Reason}")));
        }

        var budget = new TrainingBudget
        {
            Epochs = options.Epochs,
            TrainSubset = options.TrainSubset,
            ValidationImages = options.Validation,
            BatchSize = options.BatchSize,
        };
        var budgetErrors = budget.Validate();
        if (budgetErrors.Count > 0) return CommandLine.Usage($"train: {string.Join("; ", budgetErrors)}");
        var trainerOptions = new TrainerOptions { Threads = options.Threads, Device = options.Device };
        var optionErrors = trainerOptions.Validate();
        if (optionErrors.Count > 0) return CommandLine.Usage($"train: {string.Join("; ", optionErrors)}");

        var sharedPath = Environment.GetEnvironmentVariable("NAS_SHARED_PATH") ?? Path.Combine(AppContext.BaseDirectory, "shared");
        var datasets = new DatasetCache(new DatasetSourceOptions { LocalRoot = Path.Combine(sharedPath, "datasets") });
        var canonical = LayerListGenomeJson.ToCanonicalJson(genome);
        var job = new TrainingJob("local", "cli", LayerListGenomeJson.Hash(genome), 1, LayerListTrainer.SearchSpaceName, canonical, dataset.ToId(), budget, options.Seed);
        ICheckpointStore checkpoints = options.CheckpointFolder is null ? new MemoryCheckpointStore() : new FolderCheckpointStore(options.CheckpointFolder);
        LayerListTrainer trainer;
        try
        {
            trainer = new LayerListTrainer(trainerOptions, datasets, observer: new ConsoleTrainingProgress());
        }
        catch (TrainingDeviceUnavailableException e)
        {
            return CommandLine.Usage($"train: {e.Message}");
        }

        Console.WriteLine($"training {job.CandidateId}: {analysis.Parameters:N0} parameters, {analysis.Flops:N0} multiply-adds per image, "
                          + $"{dataset.ToId()}, {budget.Epochs} epochs, {(budget.TrainSubset == 0 ? "all" : budget.TrainSubset.ToString(CultureInfo.InvariantCulture))} training images, batch {budget.BatchSize}, on {TrainingDevice.Name(trainer.Device)} with {trainerOptions.Threads} thread(s), seed {options.Seed}");
        using var interrupt = new CancellationTokenSource();
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            interrupt.Cancel();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        TrainingResult result;
        try
        {
            result = await trainer.TrainAsync(job, checkpoints, interrupt.Token);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine(options.CheckpointFolder is null
                ? "train: interrupted."
                : $"train: interrupted; checkpoint saved in {options.CheckpointFolder}; run the same command to resume.");
            return 130;
        }
        catch (DatasetException e)
        {
            Console.Error.WriteLine($"train: {e.Message}");
            return 3;
        }

        if (!result.Failed && (options.WeightsFile is not null || options.ExportFolder is not null))
        {
            var latest = await checkpoints.LoadLatestAsync(job.SearchId, job.CandidateId, CancellationToken.None)
                         ?? throw new InvalidOperationException("training succeeded but left no checkpoint");
            var weights = LayerListTrainer.FinalWeights(latest);
            if (options.WeightsFile is not null) await File.WriteAllBytesAsync(options.WeightsFile, weights);
            if (options.ExportFolder is not null)
            {
                var normalisation = datasets.Get(dataset, budget.ValidationImages, (ulong)trainerOptions.DataSeed).Stats;
                var description = string.Create(CultureInfo.InvariantCulture,
                    $"candidate {job.CandidateId}, {analysis.Parameters:N0} parameters, {dataset.ToId()}, validation accuracy {result.ValidationAccuracy:P2}, test accuracy {result.TestAccuracy:P2}, {budget.Epochs} epoch(s), seed {options.Seed}");
                ModelExport.WriteTo(options.ExportFolder, ModelExport.FromWeights(weights, genome, new LayerListAnalyzer(new LayerListSpaceOptions()), dataset, normalisation, job.CandidateId, description));
                Console.WriteLine($"exported for PyTorch to {options.ExportFolder}: {ModelExport.WeightsFile}, {ModelExport.ModuleFile}, {ModelExport.GenomeFile}");
            }
        }
        var json = JsonSerializer.Serialize(result, Indented);
        Console.WriteLine(json);
        if (options.JsonFile is not null) await File.WriteAllTextAsync(options.JsonFile, json + "\n");
        if (result.Failed) Console.Error.WriteLine($"train: the candidate failed: {result.FailureReason}");
        return result.Failed ? 1 : 0;
    }
}
