using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NasServerless.Search.Spaces.NasBenchMacro;
using NasServerless.Trainer.Checkpoints;
using NasServerless.Trainer.IntegrationTests.Support;
using NasServerless.Trainer.Lookup;

namespace NasServerless.Trainer.IntegrationTests;

public sealed class LookupTrainerTests
{
    private static LookupTrainer Trainer(double stepSeconds = 0.05) =>
        new(TestTrainers.Table, new LookupTrainerOptions { SimulatedStepSeconds = stepSeconds }, NullLogger<LookupTrainer>.Instance);

    [Fact]
    public async Task Train_TableArchitecture_ReturnsTableAccuracyAsFractionWithSize()
    {
        var entry = TestTrainers.Table.Get("22212220");
        var job = StorageScope.LookupJob("s", "c", "22212220");

        var result = await Trainer().TrainAsync(job, new MemoryCheckpointStore(), CancellationToken.None);

        Assert.False(result.Failed);
        Assert.Equal(entry.MeanAccuracy / 100, result.ValidationAccuracy);
        Assert.Equal(entry.MeanAccuracy / 100, result.TestAccuracy);
        Assert.Equal(entry.Parameters, result.Parameters);
        Assert.Equal(entry.Flops, result.Flops);
        Assert.Equal(("s", "c"), (result.SearchId, result.CandidateId));
    }

    [Theory]
    [InlineData("""{"architecture":"0120110"}""")]
    [InlineData("""{"architecture":"01201103"}""")]
    [InlineData("""not json""")]
    public async Task Train_InvalidGenome_FailedResultWithReason(string genome)
    {
        var job = StorageScope.LookupJob("s") with { Genome = genome };

        var result = await Trainer().TrainAsync(job, new MemoryCheckpointStore(), CancellationToken.None);

        Assert.True(result.Failed);
        Assert.Contains("NAS-Bench-Macro", result.FailureReason);
    }

    [Fact]
    public async Task Train_CancelledMidSimulation_ThrowsAndResumesFromCheckpointToSameResult()
    {
        var job = StorageScope.LookupJob("s", simulatedSeconds: 1);
        var checkpoints = new MemoryCheckpointStore();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(0.45));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Trainer(0.1).TrainAsync(job, checkpoints, cancel.Token));
        var done = checkpoints.Sequences(job.SearchId, job.CandidateId);
        Assert.InRange(done.Count, 1, 9);

        var resumed = await Trainer(0.1).TrainAsync(job, checkpoints, CancellationToken.None);
        var uninterrupted = await Trainer(0.1).TrainAsync(job with { SearchId = "other" }, new MemoryCheckpointStore(), CancellationToken.None);

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), checkpoints.Sequences(job.SearchId, job.CandidateId));
        Assert.Equal(uninterrupted with { SearchId = "s" }, resumed with { Epochs = uninterrupted.Epochs });
        Assert.Equal(1, resumed.Seconds);
    }

    [Fact]
    public void Construct_ConfiguredTableMissing_ThrowsNamingTheFile()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.json");

        var error = Assert.Throws<NasBenchMacroTableException>(() =>
            new LookupTrainer(Options.Create(new LookupTrainerOptions { TablePath = missing }), NullLogger<LookupTrainer>.Instance));

        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void Construct_NoTableConfigured_TrainsNothing()
    {
        var trainer = new LookupTrainer(Options.Create(new LookupTrainerOptions()), NullLogger<LookupTrainer>.Instance);

        Assert.False(trainer.CanTrain(LookupTrainer.SearchSpaceName));
        Assert.True(Trainer().CanTrain(LookupTrainer.SearchSpaceName));
        Assert.False(Trainer().CanTrain("layer-list"));
    }
}
