using NasServerless.Trainer.Datasets;

namespace NasServerless.Trainer.Tests.Support;

/// <summary>Each shared dataset is verified and read once per test run; tests must not modify what they get.</summary>
public static class RawDatasetCache
{
    private static readonly Dictionary<DatasetName, Lazy<RawDataset>> Cache = Enum.GetValues<DatasetName>()
        .ToDictionary(n => n, n => new Lazy<RawDataset>(() => SharedLoader().LoadRaw(n)));

    public static RawDataset Get(DatasetName name) => Cache[name].Value;

    public static DatasetLoader SharedLoader() => new(new DatasetSourceOptions { LocalRoot = SharedDatasets.Root });
}
