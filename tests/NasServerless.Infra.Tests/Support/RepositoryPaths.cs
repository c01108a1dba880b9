using TestingPaths = NasServerless.Testing.RepositoryPaths;

namespace NasServerless.Infra.Tests.Support;

/// <summary>The repository and the read-only shared/ folder beside it, as the infra tests use them (found by <see cref="TestingPaths"/>).</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> SharedPath = new(() => TestingPaths.Shared(
        "NAS_SHARED_PATH", "", d => Directory.Exists(Path.Combine(d, "schemas", "keda")), "the KEDA CRDs in shared/schemas/keda"));

    public static string Root => TestingPaths.Root;

    public static string Infra => Path.Combine(Root, "infra");

    /// <summary>shared/: NAS_SHARED_PATH, else the first shared/ above the repository that holds schemas/keda.</summary>
    public static string Shared => SharedPath.Value;

    public static string KedaSchemas => Path.Combine(Shared, "schemas", "keda");

    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');
}
