namespace NasServerless.Testing;

/// <summary>Where the repository, its npm tools and the shared benchmark table are, found from the test binaries.</summary>
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

    public static string Azurite => Path.Combine(Root, "node_modules", ".bin", "azurite");

    /// <summary>The NAS-Bench-Macro table: NAS_BENCH_MACRO_PATH, else the first shared/benchmarks/nas-bench-macro above the repository.</summary>
    public static string NasBenchMacroTable
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("NAS_BENCH_MACRO_PATH");
            if (!string.IsNullOrEmpty(configured))
                return File.Exists(configured) ? Path.GetFullPath(configured) : throw new InvalidOperationException($"NAS_BENCH_MACRO_PATH={configured} is not there.");
            for (var dir = new DirectoryInfo(Root); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "benchmarks", "nas-bench-macro", "nas-bench-macro_cifar10.json");
                if (File.Exists(candidate)) return candidate;
            }
            throw new InvalidOperationException($"shared/benchmarks/nas-bench-macro/nas-bench-macro_cifar10.json was not found above {Root} and NAS_BENCH_MACRO_PATH is not set. These tests need the real table; they are never skipped.");
        }
    }
}
