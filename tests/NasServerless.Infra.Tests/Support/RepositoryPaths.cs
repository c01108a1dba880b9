namespace NasServerless.Infra.Tests.Support;

/// <summary>The repository (found from the test assembly's folder upwards) and the read-only shared/ folder beside it.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);
    private static readonly Lazy<string> SharedPath = new(FindShared);

    public static string Root => RootPath.Value;

    public static string Infra => Path.Combine(Root, "infra");

    /// <summary>shared/: NAS_SHARED_PATH, else the first ancestor of the test assembly's folder that holds shared/schemas/keda.</summary>
    public static string Shared => SharedPath.Value;

    public static string KedaSchemas => Path.Combine(Shared, "schemas", "keda");

    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NasServerless.sln")) && Directory.Exists(Path.Combine(dir.FullName, "infra")))
                return dir.FullName;
        throw new InvalidOperationException($"No repository (NasServerless.sln beside infra/) above {AppContext.BaseDirectory}.");
    }

    private static string FindShared()
    {
        var configured = Environment.GetEnvironmentVariable("NAS_SHARED_PATH");
        if (!string.IsNullOrEmpty(configured))
        {
            if (Directory.Exists(Path.Combine(configured, "schemas", "keda"))) return Path.GetFullPath(configured);
            throw new InvalidOperationException($"NAS_SHARED_PATH={configured} has no schemas/keda folder (the KEDA CRDs the infra tests validate against).");
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "schemas", "keda"))) return candidate;
        }
        throw new InvalidOperationException(
            $"shared/schemas/keda not found above {AppContext.BaseDirectory}: the infra tests need the KEDA CRDs in ../shared " +
            "(beside the repository) or NAS_SHARED_PATH pointing at shared/.");
    }
}
