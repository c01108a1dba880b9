using NasServerless.Contracts;
using NasServerless.Search.Spaces.LayerList;
using NasServerless.Trainer.Checkpoints;
using NasServerless.Trainer.Tests.Support;
using NasServerless.Trainer.Training;

namespace NasServerless.Trainer.Tests.Training;

/// <summary>Real training on the shared datasets, one libtorch thread (as a worker under contention).</summary>
public class LayerListTrainerTests
{
    private static readonly TrainerOptions OneThread = new() { Threads = 1, TestImages = 500 };

    /// <summary>Conv + batch norm, pooling, dropout and dense: every source of state a resume must restore.</summary>
    private static readonly LayerListGenome Tiny = new(
        [
            new ConvolutionGene(8, 3, 2, Activation.Relu, BatchNorm: true),
            new PoolingGene(PoolingKind.Max, 2, 2),
            new DropoutGene(0.2),
            new DenseGene(16, Activation.LeakyRelu),
        ],
        new TrainingGenes(3e-3, OptimizerKind.Adam, 1e-4));

    private static TrainingJob Job(LayerListGenome genome, string dataset, TrainingBudget budget, long seed = 7, string? candidateId = null) =>
        new("search-1", "instance-1", candidateId ?? LayerListGenomeJson.Hash(genome), 1, LayerListTrainer.SearchSpaceName,
            LayerListGenomeJson.ToCanonicalJson(genome), dataset, budget, seed);

    private static readonly TrainingBudget TinyBudget = new() { Epochs = 2, TrainSubset = 500, ValidationImages = 300, BatchSize = 50 };

    [Fact]
    public async Task TrainAsync_SmallGenomeOn2000MnistImages_ReachesNinetyPercentValidationAccuracy()
    {
        var trainer = new LayerListTrainer(OneThread, TrainingDatasets.Cache);
        var job = Job(ExampleGenomes.Load("small-cnn"), "mnist", new TrainingBudget { Epochs = 2, TrainSubset = 2000, ValidationImages = 1000, BatchSize = 32 });

        var result = await trainer.TrainAsync(job, new MemoryCheckpointStore(), CancellationToken.None);

        Assert.False(result.Failed, result.FailureReason);
        Assert.True(result.ValidationAccuracy >= 0.90, $"validation accuracy {result.ValidationAccuracy:P2}");
        Assert.InRange(result.TestAccuracy!.Value, 0.85, 1.0);
        Assert.Equal(2, result.Epochs.Count);
        Assert.True(result.Epochs[1].TrainLoss < result.Epochs[0].TrainLoss);
        Assert.Equal(20_538, result.Parameters);
        Assert.True(result.Flops > 0 && result.Seconds > 0 && result.ImagesPerSecond > 0);
        Assert.Equal(TrainingDevice.Name(trainer.Device), result.Device);
    }

    [Fact]
    public async Task TrainAsync_CompletedRun_CheckpointsEveryEpochWithFinalWeights()
    {
        var store = new MemoryCheckpointStore();
        var job = Job(Tiny, "mnist", TinyBudget);

        var result = await new LayerListTrainer(OneThread, TrainingDatasets.Cache).TrainAsync(job, store, CancellationToken.None);

        Assert.False(result.Failed, result.FailureReason);
        Assert.Equal([1_000_000, 2_000_000], store.Sequences(job.SearchId, job.CandidateId));
        var final = await store.LoadLatestAsync(job.SearchId, job.CandidateId, CancellationToken.None);
        Assert.NotEmpty(LayerListTrainer.FinalWeights(final!));
        Assert.Null(result.WeightsBlob);
    }

    [Theory]
    [InlineData("mnist", 1, 4)]
    [InlineData("mnist", 2, 0)]
    [InlineData("cifar-10", 2, 3)]
    public async Task TrainAsync_InterruptedThenResumed_BitIdenticalToUninterrupted(string dataset, int stopEpoch, int stopAfterStep)
    {
        await AssertResumeIsBitIdenticalAsync(Job(Tiny, dataset, TinyBudget with { TrainSubset = dataset == "cifar-10" ? 300 : 500 }), stopEpoch, stopAfterStep);
    }

    /// <summary>Each optimiser keeps other state (SGD a momentum buffer created by its first step, AdamW moments and step counts).</summary>
    [Theory]
    [InlineData(OptimizerKind.SgdMomentum)]
    [InlineData(OptimizerKind.AdamW)]
    public async Task TrainAsync_InterruptedThenResumed_BitIdenticalForEveryOptimiser(OptimizerKind optimizer)
    {
        var genome = Tiny with { Training = Tiny.Training with { Optimizer = optimizer, LearningRate = optimizer == OptimizerKind.SgdMomentum ? 3e-2 : 3e-3 } };

        await AssertResumeIsBitIdenticalAsync(Job(genome, "mnist", TinyBudget), stopEpoch: 1, stopAfterStep: 3);
    }

    /// <summary>
    /// A checkpoint written on a GPU holds a GPU generator's state (16 bytes), which a CPU generator cannot take (and the
    /// reverse): the run resumes from the checkpoint's weights and position anyway, drawing later masks from a seed.
    /// </summary>
    [Fact]
    public async Task TrainAsync_CheckpointWithAnotherDevicesGeneratorState_ResumesFromItsWeightsAndPosition()
    {
        var job = Job(Tiny, "mnist", TinyBudget);
        var store = new MemoryCheckpointStore();
        using var stop = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new LayerListTrainer(OneThread, TrainingDatasets.Cache, observer: new StopAt(stop, 2, 0)).TrainAsync(job, store, stop.Token));
        var saved = TrainingCheckpoint.Deserialize((await store.LoadLatestAsync(job.SearchId, job.CandidateId, CancellationToken.None))!.Payload);
        var fromGpu = new MemoryCheckpointStore();
        await fromGpu.SaveAsync(job.SearchId, job.CandidateId, (saved with { RngState = new byte[16] }).ToCheckpoint(), CancellationToken.None);
        var counter = new StepCounter();

        var resumed = await new LayerListTrainer(OneThread, TrainingDatasets.Cache, observer: counter).TrainAsync(job, fromGpu, CancellationToken.None);

        Assert.False(resumed.Failed, resumed.FailureReason);
        Assert.Equal(1_000_000, counter.ResumedAt);
        Assert.Equal(TinyBudget.TrainSubset / TinyBudget.BatchSize, counter.Steps);
        Assert.Equal(saved.Epochs[0], resumed.Epochs[0]);
        Assert.Equal(2, resumed.Epochs.Count);
    }

    /// <summary>Trains <paramref name="job"/> once without a stop and once stopped at (epoch, step) and resumed: the two must agree bit for bit.</summary>
    private static async Task AssertResumeIsBitIdenticalAsync(TrainingJob job, int stopEpoch, int stopAfterStep)
    {
        var stepsPerEpoch = job.Budget.TrainSubset / job.Budget.BatchSize;
        var uninterruptedStore = new MemoryCheckpointStore();
        var uninterrupted = await new LayerListTrainer(OneThread, TrainingDatasets.Cache).TrainAsync(job, uninterruptedStore, CancellationToken.None);
        Assert.False(uninterrupted.Failed, uninterrupted.FailureReason);

        var store = new MemoryCheckpointStore();
        using var stop = new CancellationTokenSource();
        var stopper = new StopAt(stop, stopEpoch, stopAfterStep);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new LayerListTrainer(OneThread, TrainingDatasets.Cache, observer: stopper).TrainAsync(job, store, stop.Token));
        var counter = new StepCounter();
        var resumed = await new LayerListTrainer(OneThread, TrainingDatasets.Cache, observer: counter).TrainAsync(job, store, CancellationToken.None);

        var expectedResumeSequence = stopAfterStep == 0 ? (stopEpoch - 1) * 1_000_000L : (stopEpoch - 1) * 1_000_000L + stopAfterStep;
        Assert.Equal(expectedResumeSequence, counter.ResumedAt);
        Assert.Equal(2 * stepsPerEpoch - ((stopEpoch - 1) * stepsPerEpoch + stopAfterStep), counter.Steps);
        Assert.False(resumed.Failed, resumed.FailureReason);
        Assert.Equal(uninterrupted.Epochs.Select(e => (e.Epoch, e.TrainLoss, e.ValidationAccuracy)), resumed.Epochs.Select(e => (e.Epoch, e.TrainLoss, e.ValidationAccuracy)));
        Assert.Equal(uninterrupted.ValidationAccuracy, resumed.ValidationAccuracy);
        Assert.Equal(uninterrupted.TestAccuracy, resumed.TestAccuracy);
        Assert.Equal(
            LayerListTrainer.FinalWeights((await uninterruptedStore.LoadLatestAsync(job.SearchId, job.CandidateId, CancellationToken.None))!),
            LayerListTrainer.FinalWeights((await store.LoadLatestAsync(job.SearchId, job.CandidateId, CancellationToken.None))!));
    }

    [Fact]
    public async Task TrainAsync_AlreadyTrained_ReturnsSameResultWithoutTraining()
    {
        var store = new MemoryCheckpointStore();
        var job = Job(Tiny, "mnist", TinyBudget with { Epochs = 1 });
        var first = await new LayerListTrainer(OneThread, TrainingDatasets.Cache).TrainAsync(job, store, CancellationToken.None);
        var counter = new StepCounter();

        var again = await new LayerListTrainer(OneThread, TrainingDatasets.Cache, observer: counter).TrainAsync(job, store, CancellationToken.None);

        Assert.Equal(0, counter.Steps);
        Assert.Equal(first.ValidationAccuracy, again.ValidationAccuracy);
        Assert.Equal(first.TestAccuracy, again.TestAccuracy);
    }

    [Fact]
    public async Task TrainAsync_SameSeedTwice_SameResult_OtherSeedDiffers()
    {
        var trainer = new LayerListTrainer(OneThread, TrainingDatasets.Cache);
        var budget = TinyBudget with { Epochs = 1 };

        var a = await trainer.TrainAsync(Job(Tiny, "mnist", budget, seed: 3), new MemoryCheckpointStore(), CancellationToken.None);
        var b = await trainer.TrainAsync(Job(Tiny, "mnist", budget, seed: 3), new MemoryCheckpointStore(), CancellationToken.None);
        var c = await trainer.TrainAsync(Job(Tiny, "mnist", budget, seed: 4), new MemoryCheckpointStore(), CancellationToken.None);

        Assert.Equal(a.Epochs[0].TrainLoss, b.Epochs[0].TrainLoss);
        Assert.NotEqual(a.Epochs[0].TrainLoss, c.Epochs[0].TrainLoss);
    }

    [Fact]
    public async Task TrainAsync_GenomeThatDoesNotParse_FailsNamingTheField()
    {
        var job = Job(Tiny, "mnist", TinyBudget) with { Genome = "{\"layers\":[{\"type\":\"conv\",\"filterz\":8}],\"training\":{}}" };

        var result = await new LayerListTrainer(OneThread, TrainingDatasets.Cache).TrainAsync(job, new MemoryCheckpointStore(), CancellationToken.None);

        Assert.True(result.Failed);
        Assert.Contains("layers[0].filterz", result.FailureReason);
    }

    [Fact]
    public async Task TrainAsync_GenomeCollapsingOnTheDatasetShape_FailsNamingTheGene()
    {
        // Five 2x2 poolings fit CIFAR's 32x32 (down to 1x1) but not MNIST's 28x28 (3x3 → 1x1 → nothing).
        var genome = new LayerListGenome([.. Enumerable.Repeat<LayerGene>(new PoolingGene(PoolingKind.Max, 2, 2), 5)], Tiny.Training);

        var result = await new LayerListTrainer(OneThread, TrainingDatasets.Cache).TrainAsync(Job(genome, "mnist", TinyBudget), new MemoryCheckpointStore(), CancellationToken.None);

        Assert.True(result.Failed);
        Assert.Contains("layers[4]", result.FailureReason);
    }

    [Fact]
    public async Task TrainAsync_JobCarriesItsSpaceOptions_GenomeCheckedAgainstThatSpace()
    {
        // Tiny has ~4.5k parameters on MNIST: within the default budget, over this search's 1,000.
        var space = System.Text.Json.JsonSerializer.Serialize(new LayerListSpaceOptions { MaxParameters = 1_000 }, ContractJson.Options);
        var job = Job(Tiny, "mnist", TinyBudget) with { SpaceOptions = space };

        var result = await new LayerListTrainer(OneThread, TrainingDatasets.Cache).TrainAsync(job, new MemoryCheckpointStore(), CancellationToken.None);

        Assert.True(result.Failed);
        Assert.Contains("over the budget of 1,000", result.FailureReason);
    }

    [Fact]
    public async Task TrainAsync_UnknownDataset_Fails()
    {
        var result = await new LayerListTrainer(OneThread, TrainingDatasets.Cache).TrainAsync(Job(Tiny, "svhn", TinyBudget), new MemoryCheckpointStore(), CancellationToken.None);

        Assert.True(result.Failed);
        Assert.Contains("svhn", result.FailureReason);
    }

    [Fact]
    public async Task TrainAsync_LossAboveDivergenceLimit_FailsWithReason()
    {
        var trainer = new LayerListTrainer(new TrainerOptions { Threads = 1, DivergenceLoss = 1.0 }, TrainingDatasets.Cache);

        var result = await trainer.TrainAsync(Job(Tiny, "mnist", TinyBudget), new MemoryCheckpointStore(), CancellationToken.None);

        Assert.True(result.Failed);
        Assert.Contains("diverged", result.FailureReason);
        Assert.Equal(LayerListAnalyzerFor.Mnist.Analyze(Tiny, TensorShape.Mnist).Parameters, result.Parameters);
    }

    [Fact]
    public async Task TrainAsync_CheckpointOfAnotherBudget_FailsInsteadOfResuming()
    {
        var store = new MemoryCheckpointStore();
        await new LayerListTrainer(OneThread, TrainingDatasets.Cache).TrainAsync(Job(Tiny, "mnist", TinyBudget with { Epochs = 1 }), store, CancellationToken.None);

        var result = await new LayerListTrainer(OneThread, TrainingDatasets.Cache).TrainAsync(Job(Tiny, "mnist", TinyBudget with { Epochs = 3 }), store, CancellationToken.None);

        Assert.True(result.Failed);
        Assert.Contains("another configuration", result.FailureReason);
    }

    [Fact]
    public void CanTrain_OnlyTheLayerListSpace()
    {
        var trainer = new LayerListTrainer(OneThread, TrainingDatasets.Cache);

        Assert.True(trainer.CanTrain("layer-list"));
        Assert.False(trainer.CanTrain("nas-bench-macro"));
    }

    private static class LayerListAnalyzerFor
    {
        public static readonly LayerListAnalyzer Mnist = new(new LayerListSpaceOptions());
    }

    private sealed class StopAt(CancellationTokenSource source, int epoch, int afterStep) : ITrainingObserver
    {
        public void StepCompleted(string candidateId, int e, int step, int stepsPerEpoch, double loss)
        {
            if (e == epoch && step == afterStep) source.Cancel();
        }

        public void EpochCompleted(string candidateId, int epochs, EpochMetrics metrics)
        {
            if (afterStep == 0 && metrics.Epoch == epoch - 1) source.Cancel();
        }
    }

    private sealed class StepCounter : ITrainingObserver
    {
        public int Steps { get; private set; }

        public long? ResumedAt { get; private set; }

        public void Resumed(string candidateId, int completedEpochs, int step) => ResumedAt = completedEpochs * 1_000_000L + step;

        public void StepCompleted(string candidateId, int epoch, int step, int stepsPerEpoch, double loss) => Steps++;
    }
}
