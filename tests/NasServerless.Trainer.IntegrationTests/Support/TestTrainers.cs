using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NasServerless.Contracts;
using NasServerless.Search.Spaces.NasBenchMacro;
using NasServerless.Trainer.Checkpoints;
using NasServerless.Trainer.Lookup;
using NasServerless.Trainer.Training;

namespace NasServerless.Trainer.IntegrationTests.Support;

/// <summary>Trainers for in-process workers: the real lookup trainer over the shared table, and probes.</summary>
public static class TestTrainers
{
    private static readonly Lazy<NasBenchMacroTable> LazyTable = new(() => NasBenchMacroTable.Load(RepositoryPaths.NasBenchMacroTable));

    public static NasBenchMacroTable Table => LazyTable.Value;

    public static Action<IServiceCollection> Lookup(double stepSeconds = 0.25) => services =>
        services.AddSingleton<ICandidateTrainer>(sp => new LookupTrainer(Table, new LookupTrainerOptions { TablePath = RepositoryPaths.NasBenchMacroTable, SimulatedStepSeconds = stepSeconds },
            sp.GetRequiredService<ILogger<LookupTrainer>>()));

    public static Action<IServiceCollection> Only(ICandidateTrainer trainer) => services => services.AddSingleton(trainer);
}

/// <summary>Counts calls and then fails the test's expectations loudly: training must not happen.</summary>
public sealed class ThrowingTrainer : ICandidateTrainer
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public bool CanTrain(string searchSpace) => true;

    public Task<TrainingResult> TrainAsync(TrainingJob job, ICheckpointStore checkpoints, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        throw new InvalidOperationException("ThrowingTrainer: this job should not have been trained");
    }
}

/// <summary>Lets another "worker" store the candidate's result while it trains, so the worker under test loses the race.</summary>
public sealed class RaceLosingTrainer(Func<TrainingJob, Task> otherWorkerWins) : ICandidateTrainer
{
    public bool CanTrain(string searchSpace) => true;

    public async Task<TrainingResult> TrainAsync(TrainingJob job, ICheckpointStore checkpoints, CancellationToken cancellationToken)
    {
        await otherWorkerWins(job);
        return new TrainingResult { SearchId = job.SearchId, CandidateId = job.CandidateId, ValidationAccuracy = 0.99 };
    }
}
