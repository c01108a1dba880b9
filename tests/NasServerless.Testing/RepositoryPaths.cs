namespace NasServerless.Testing;

/// <summary>
/// Where the repository, its npm tools and the read-only shared/ data are, found from the test binaries. Every
/// shared/ item can be pointed at by an environment variable; absent data fails the tests, it never skips them.
/// </summary>
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
    public static string NasBenchMacroTable => Shared(
        "NAS_BENCH_MACRO_PATH", Path.Combine("benchmarks", "nas-bench-macro", "nas-bench-macro_cifar10.json"), File.Exists, "the real NAS-Bench-Macro table");

    /// <summary>The real datasets: NAS_DATASETS_PATH, else the first shared/datasets (with SHA256SUMS) above the repository.</summary>
    public static string Datasets => Shared(
        "NAS_DATASETS_PATH", "datasets", d => File.Exists(Path.Combine(d, "SHA256SUMS")), "the real MNIST, Fashion-MNIST and CIFAR-10 files (with SHA256SUMS)");

    public static string ExampleGenome(string name) => Path.Combine(Root, "trainer-container", "examples", name);

    /// <summary>
    /// An item of shared/: <paramref name="variable"/> if set (it must be <paramref name="present"/>), else the first
    /// shared/<paramref name="relative"/> above the repository root that is <paramref name="present"/>.
    /// </summary>
    public static string Shared(string variable, string relative, Func<string, bool> present, string need = "the real file")
    {
        var configured = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrEmpty(configured))
        {
            return present(configured) ? Path.GetFullPath(configured) : throw new InvalidOperationException($"{variable}={configured} is not there (these tests need {need}).");
        }
        for (var dir = new DirectoryInfo(Root); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", relative);
            if (present(candidate)) return candidate;
        }
        throw new InvalidOperationException($"shared/{relative} was not found above {Root}, and {variable} is not set. These tests need {need}; they are never skipped.");
    }
}
