using NasServerless.Trainer.Datasets;
using NasServerless.Trainer.Training;

namespace NasServerless.Trainer.Tests.Support;

/// <summary>One <see cref="DatasetCache"/> over the shared datasets for the whole test run, as a worker process has one.</summary>
public static class TrainingDatasets
{
    private static readonly Lazy<DatasetCache> LazyCache = new(() => new DatasetCache(new DatasetSourceOptions { LocalRoot = SharedDatasets.Root }));

    public static DatasetCache Cache => LazyCache.Value;
}
