using System.Diagnostics;
using NasServerless.Contracts;
using NasServerless.Search.Spaces.LayerList;
using NasServerless.Trainer.Checkpoints;
using NasServerless.Trainer.Datasets;
using NasServerless.Trainer.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NasServerless.Trainer.Training;

/// <summary>
/// The state of one candidate's training — network, optimiser, generator, position (epoch, step), running loss — and
/// the steps that advance it. Everything that <see cref="Capture"/> writes, <see cref="Restore"/> reads back, so a
/// restored run continues exactly where the captured one was.
/// <para>
/// Device: weights are initialised on the CPU from the job's seed (the same initial network everywhere), then the
/// network moves to <see cref="Device"/> before its optimiser is created; batches are built there. Dropout masks come
/// from a generator on that device: on the CPU the initialising generator itself, on a GPU a GPU generator with the
/// same seed.
/// </para>
/// </summary>
internal sealed class TrainingRun : IDisposable
{
    private readonly LayerListGenome _genome;
    private readonly PreparedDataset _data;
    private readonly TrainerOptions _options;
    private readonly ITrainingObserver? _observer;
    private readonly LayerListAnalyzer _analyzer;
    private readonly Generator _generator;
    private readonly Generator? _deviceGenerator;
    private readonly LayerListNetwork _network;
    private readonly OptimizerHelper _optimizer;
    private readonly CifarAugmentation? _augmentation;
    private readonly int[] _subset;
    private readonly int _stepsPerEpoch;
    private readonly int _imagesPerEpoch;
    private readonly List<EpochMetrics> _epochs = [];
    private double _lossSum;
    private long _lossImages;
    private double _epochSeconds;

    public TrainingRun(TrainingJob job, LayerListGenome genome, GenomeAnalysis analysis, LayerListAnalyzer analyzer, PreparedDataset data, TrainerOptions options, Device device, string fingerprint, ITrainingObserver? observer)
    {
        Job = job;
        Device = device;
        Fingerprint = fingerprint;
        _genome = genome;
        _data = data;
        _analyzer = analyzer;
        _options = options;
        _observer = observer;
        _subset = DataOrder.Subset(data.Train.Count, job.Budget.TrainSubset, options.DataSeed);
        _stepsPerEpoch = DataOrder.StepsPerEpoch(_subset.Length, job.Budget.BatchSize);
        _imagesPerEpoch = Math.Min(_subset.Length, _stepsPerEpoch * job.Budget.BatchSize);
        if (_stepsPerEpoch is < 1 or >= (int)TrainingCheckpoint.StepsPerEpochLimit)
            throw new TrainingFailedException($"{_subset.Length} training images in batches of {job.Budget.BatchSize} give {_stepsPerEpoch} steps per epoch");
        _augmentation = data.Name == DatasetName.Cifar10 && options.AugmentCifar ? new CifarAugmentation() : null;
        _generator = new Generator(unchecked((ulong)job.Seed), torch.CPU);
        _deviceGenerator = device.type == DeviceType.CPU ? null : new Generator(unchecked((ulong)job.Seed), device);
        _network = LayerListNetwork.Create(genome, analysis.Input, analyzer, _generator, _deviceGenerator);
        if (_deviceGenerator is not null) _network.to(device);
        _network.train();
        _optimizer = OptimizerFactory.Create(genome.Training, _network.parameters());
    }

    public TrainingJob Job { get; }

    public string Fingerprint { get; }

    public Device Device { get; }

    /// <summary>The generator dropout masks are drawn from: its state is the run's randomness after initialisation.</summary>
    private Generator RunGenerator => _deviceGenerator ?? _generator;

    /// <summary>Epochs completed.</summary>
    public int Epoch { get; private set; }

    /// <summary>Steps done in epoch <see cref="Epoch"/>.</summary>
    public int Step { get; private set; }

    public IReadOnlyList<EpochMetrics> Epochs => _epochs;

    /// <summary>Runs the remaining steps of the current epoch; false when cancellation stopped it between two steps.</summary>
    public bool TrainEpoch(CancellationToken cancellationToken)
    {
        var order = DataOrder.EpochOrder(_subset, Job.Seed, Epoch);
        var batchSize = Job.Budget.BatchSize;
        var totalSteps = (long)_stepsPerEpoch * Job.Budget.Epochs;
        var clock = new Stopwatch();
        for (; Step < _stepsPerEpoch; Step++)
        {
            if (cancellationToken.IsCancellationRequested) return false;
            clock.Restart();
            var count = Math.Min(batchSize, order.Length - Step * batchSize);
            OptimizerFactory.SetLearningRate(_optimizer, OptimizerFactory.CosineRate(_genome.Training.LearningRate, (long)Epoch * _stepsPerEpoch + Step, totalSteps));
            var loss = TrainStep(order.AsSpan(Step * batchSize, count));
            if (!double.IsFinite(loss)) throw new TrainingFailedException($"loss became {loss} at epoch {Epoch + 1}, step {Step + 1}");
            if (loss > _options.DivergenceLoss) throw new TrainingFailedException($"training diverged: loss {loss:G4} at epoch {Epoch + 1}, step {Step + 1} exceeds {_options.DivergenceLoss:G4}");
            _lossSum += loss * count;
            _lossImages += count;
            _epochSeconds += clock.Elapsed.TotalSeconds;
            _observer?.StepCompleted(Job.CandidateId, Epoch + 1, Step + 1, _stepsPerEpoch, loss);
        }
        return true;
    }

    /// <summary>Ends the epoch: validation accuracy, metrics, and the position moves to the next epoch.</summary>
    public EpochMetrics Validate()
    {
        var accuracy = Evaluation.Accuracy(_network, _data.Validation, _data.Validation.Count, _options.EvaluationBatchSize, Device);
        var metrics = new EpochMetrics(
            Epoch + 1,
            _lossImages > 0 ? _lossSum / _lossImages : double.NaN,
            accuracy,
            _epochSeconds,
            _epochSeconds > 0 ? _imagesPerEpoch / _epochSeconds : 0);
        _epochs.Add(metrics);
        Epoch++;
        Step = 0;
        _lossSum = 0;
        _lossImages = 0;
        _epochSeconds = 0;
        return metrics;
    }

    public double Test() => Evaluation.Accuracy(_network, _data.Test, _options.TestImages, _options.EvaluationBatchSize, Device);

    public TrainingCheckpoint Capture(double totalSeconds)
    {
        using var state = RunGenerator.get_state();
        return new TrainingCheckpoint(Epoch, Step, Fingerprint, _lossSum, _lossImages, _epochSeconds, totalSeconds, [.. _epochs],
            state.data<byte>().ToArray(), SaveModel(), SaveOptimizer());
    }

    /// <summary>
    /// Continues from <paramref name="checkpoint"/>: weights and optimiser state are read into a CPU twin and copied
    /// (see <see cref="StateTransfer"/>). A generator state from another kind of device (a GPU checkpoint resumed on a
    /// CPU pod, or the reverse) does not fit this run's generator: the masks then continue from a seed of
    /// (job seed, epoch, step) instead — the run goes on from the checkpoint, no longer bit-identical to an
    /// uninterrupted one (which across devices it could not be anyway).
    /// </summary>
    /// <exception cref="InvalidDataException">The checkpoint does not fit this network or optimiser.</exception>
    public void Restore(TrainingCheckpoint checkpoint)
    {
        using (var twinGenerator = new Generator(0, torch.CPU))
        using (var twin = LayerListNetwork.Create(_genome, _network.Analysis.Input, _analyzer, twinGenerator))
        using (var twinOptimizer = OptimizerFactory.Create(_genome.Training, twin.parameters()))
        {
            try
            {
                using (var stream = new MemoryStream(checkpoint.ModelState, writable: false)) twin.load(stream);
                using (var reader = new BinaryReader(new MemoryStream(checkpoint.OptimizerState, writable: false))) twinOptimizer.load_state_dict(reader);
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException(e.Message, e);
            }
            StateTransfer.CopyModule(twin, _network);
            StateTransfer.CopyOptimizer(twinOptimizer, _optimizer, Device);
        }
        RestoreGenerator(checkpoint);
        Epoch = checkpoint.Epoch;
        Step = checkpoint.Step;
        _lossSum = checkpoint.LossSum;
        _lossImages = checkpoint.LossImages;
        _epochSeconds = checkpoint.EpochSeconds;
        _epochs.Clear();
        _epochs.AddRange(checkpoint.Epochs);
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        _network.Dispose();
        _deviceGenerator?.Dispose();
        _generator.Dispose();
    }

    private void RestoreGenerator(TrainingCheckpoint checkpoint)
    {
        long stateLength;
        using (var current = RunGenerator.get_state()) stateLength = current.numel();
        if (checkpoint.RngState.Length == stateLength)
        {
            using var state = torch.tensor(checkpoint.RngState, dtype: ScalarType.Byte);
            RunGenerator.set_state(state);
        }
        else
        {
            RunGenerator.manual_seed(DataOrder.ResumeSeed(Job.Seed, checkpoint.Epoch, checkpoint.Step));
        }
    }

    /// <summary>One optimiser step on the images at <paramref name="indices"/>; returns the batch's mean loss.</summary>
    private double TrainStep(ReadOnlySpan<int> indices)
    {
        using var scope = torch.NewDisposeScope();
        var random = _augmentation is null ? null : DataOrder.Augmentation(Job.Seed, Epoch, Step);
        var (images, labels) = TensorBatch.Create(_data.Train, indices, _augmentation, random, Device);
        _optimizer.zero_grad();
        var loss = nn.functional.cross_entropy(_network.forward(images), labels);
        var value = loss.item<float>();
        if (!float.IsFinite(value)) return value;
        loss.backward();
        _optimizer.step();
        return value;
    }

    private byte[] SaveModel()
    {
        var stream = new MemoryStream();
        _network.save(stream); // closes the stream; ToArray still works on a closed MemoryStream
        return stream.ToArray();
    }

    private byte[] SaveOptimizer()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) _optimizer.save_state_dict(writer);
        return stream.ToArray();
    }
}
