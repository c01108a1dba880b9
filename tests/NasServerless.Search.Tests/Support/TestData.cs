namespace NasServerless.Search.Tests.Support;

/// <summary>Locates the read-only data under <c>shared/</c> (beside the repository clone) that tests use.</summary>
public static class TestData
{
    public const string NasBenchMacroVariable = "NAS_BENCH_MACRO_PATH";

    private const string NasBenchMacroRelative = "shared/benchmarks/nas-bench-macro/nas-bench-macro_cifar10.json";

    /// <summary>
    /// The NAS-Bench-Macro table: <c>NAS_BENCH_MACRO_PATH</c> if set, else the first folder above the test
    /// binaries that contains <c>shared/benchmarks/nas-bench-macro/nas-bench-macro_cifar10.json</c>.
    /// Throws (so the test fails, never skips) when neither finds the file.
    /// </summary>
    public static string NasBenchMacroPath => FindNasBenchMacro();

    private static string FindNasBenchMacro()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(NasBenchMacroVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return File.Exists(fromEnvironment)
                ? Path.GetFullPath(fromEnvironment)
                : throw new FileNotFoundException(
                    $"{NasBenchMacroVariable} is set to '{fromEnvironment}', but no file is there.", fromEnvironment);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, NasBenchMacroRelative);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException(
            $"NAS-Bench-Macro table not found: no folder above '{AppContext.BaseDirectory}' contains '{NasBenchMacroRelative}'. " +
            $"Put the shared/ data beside the repository clone, or set {NasBenchMacroVariable} to the file.");
    }
}
