namespace NasServerless.Trainer.IntegrationTests.Support;

/// <summary>Where the repository, its npm tools and the shared data are, found from the test binaries.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NasServerless.sln")) && File.Exists(Path.Combine(dir.FullName, "package.json"))) return dir.FullName;
        }
        throw new InvalidOperationException($"The repository root (NasServerless.sln beside package.json) was not found above {AppContext.BaseDirectory}.");
    });

    public static string Root => LazyRoot.Value;

    /// <summary>The NAS-Bench-Macro table: NAS_BENCH_MACRO_PATH, else the first shared/benchmarks/nas-bench-macro above the repository.</summary>
    public static string NasBenchMacroTable => Shared("NAS_BENCH_MACRO_PATH", Path.Combine("benchmarks", "nas-bench-macro", "nas-bench-macro_cifar10.json"), File.Exists);

    /// <summary>The real datasets: NAS_DATASETS_PATH, else the first shared/datasets (with SHA256SUMS) above the repository.</summary>
    public static string Datasets => Shared("NAS_DATASETS_PATH", "datasets", d => File.Exists(Path.Combine(d, "SHA256SUMS")));

    public static string ExampleGenome(string name) => Path.Combine(Root, "trainer-container", "examples", name);

    private static string Shared(string variable, string relative, Func<string, bool> present)
    {
        var configured = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrEmpty(configured))
        {
            return present(configured) ? Path.GetFullPath(configured) : throw new InvalidOperationException($"{variable}={configured} is not there.");
        }
        for (var dir = new DirectoryInfo(Root); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", relative);
            if (present(candidate)) return candidate;
        }
        throw new InvalidOperationException($"shared/{relative} was not found above {Root}, and {variable} is not set. These tests need the real file; they are never skipped.");
    }
}
