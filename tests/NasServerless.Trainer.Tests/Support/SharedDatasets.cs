using NasServerless.Testing;

namespace NasServerless.Trainer.Tests.Support;

/// <summary>The real datasets of <c>shared/datasets</c> (<see cref="RepositoryPaths.Datasets"/>: NAS_DATASETS_PATH, else found above the repository).</summary>
public static class SharedDatasets
{
    private static readonly Lazy<string> LazyRoot = new(() => RepositoryPaths.Datasets);

    public static string Root => LazyRoot.Value;

    public static string ManifestPath => Path.Combine(Root, "SHA256SUMS");
}
