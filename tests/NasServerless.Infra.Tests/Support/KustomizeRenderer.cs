using System.Collections.Concurrent;
using System.Diagnostics;

namespace NasServerless.Infra.Tests.Support;

/// <summary>
/// Builds an overlay with `kubectl kustomize` (kustomize is built into kubectl), as `kubectl apply -k` would,
/// from a scratch copy of infra/ in which every secret generator input is its committed .example template
/// (a developer's real storage.env is never read). kubectl must be on PATH (or KUBECTL must name it); set
/// NAS_INFRA_SKIP_RENDER=1 to run only the checks that need no kubectl.
/// </summary>
public static class KustomizeRenderer
{
    private static readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<Manifest>>> Cache = new();

    public static bool SkipRequested => Environment.GetEnvironmentVariable("NAS_INFRA_SKIP_RENDER") == "1";

    /// <summary>kubectl's path; throws when it is missing, unless the render checks were switched off.</summary>
    public static string? Kubectl()
    {
        if (SkipRequested) return null;
        var configured = Environment.GetEnvironmentVariable("KUBECTL");
        if (!string.IsNullOrEmpty(configured)) return File.Exists(configured) ? configured : throw new FileNotFoundException($"KUBECTL={configured} does not exist");
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "kubectl");
            if (File.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException(
            "kubectl not found on PATH: the overlays are built with `kubectl kustomize`. Install kubectl (any 1.27+, it embeds kustomize v5), " +
            "set KUBECTL to its path, or set NAS_INFRA_SKIP_RENDER=1 to skip the rendered-overlay checks.");
    }

    /// <summary>The rendered objects of infra/overlays/{overlay}; null when rendering was switched off.</summary>
    public static IReadOnlyList<Manifest>? Render(string overlay)
    {
        var kubectl = Kubectl();
        return kubectl is null ? null : Cache.GetOrAdd(overlay, o => new Lazy<IReadOnlyList<Manifest>>(() => Build(kubectl, o))).Value;
    }

    private static IReadOnlyList<Manifest> Build(string kubectl, string overlay)
    {
        var scratch = Directory.CreateTempSubdirectory("nas-infra-");
        try
        {
            var infraCopy = Path.Combine(scratch.FullName, "infra");
            Copy(RepositoryPaths.Infra, infraCopy);
            foreach (var (_, input) in InfraTree.SecretGeneratorInputs())
            {
                var target = Path.Combine(infraCopy, Path.GetRelativePath(RepositoryPaths.Infra, input));
                File.Copy(input + ".example", target, overwrite: true);
            }

            var start = new ProcessStartInfo(kubectl, ["kustomize", Path.Combine(infraCopy, "overlays", overlay)])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{kubectl} did not start");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"kubectl kustomize infra/overlays/{overlay} ran over 60 s");
            }
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"kubectl kustomize infra/overlays/{overlay} failed ({process.ExitCode}): {stderr.Result}");
            return Yaml.Load(stdout.Result, $"kubectl kustomize infra/overlays/{overlay}").Select(Manifest.From).ToList();
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            if (!InfraTree.SecretGeneratorInputs().Any(s => s.File == Path.GetFullPath(file)))
                File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(from))
            Copy(dir, Path.Combine(to, Path.GetFileName(dir)));
    }
}
