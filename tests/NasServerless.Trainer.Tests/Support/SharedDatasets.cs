namespace NasServerless.Trainer.Tests.Support;

/// <summary>
/// Finds the real datasets of <c>shared/datasets</c>: the folder named by <c>NAS_DATASETS_PATH</c>, else the first
/// <c>shared/datasets</c> holding a <c>SHA256SUMS</c> above the test binaries. Absent data fails the tests; it never skips them.
/// </summary>
public static class SharedDatasets
{
    public const string EnvironmentVariable = "NAS_DATASETS_PATH";

    private static readonly Lazy<string> LazyRoot = new(Locate);

    public static string Root => LazyRoot.Value;

    public static string ManifestPath => Path.Combine(Root, "SHA256SUMS");

    private static string Locate()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            if (!File.Exists(Path.Combine(configured, "SHA256SUMS")))
            {
                throw new InvalidOperationException($"{EnvironmentVariable}={configured} does not contain SHA256SUMS.");
            }
            return Path.GetFullPath(configured);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "datasets");
            if (File.Exists(Path.Combine(candidate, "SHA256SUMS"))) return candidate;
        }
        throw new InvalidOperationException(
            $"The shared datasets were not found: no shared/datasets/SHA256SUMS above {AppContext.BaseDirectory}, and {EnvironmentVariable} is not set. " +
            "These tests need the real MNIST, Fashion-MNIST and CIFAR-10 files.");
    }
}
