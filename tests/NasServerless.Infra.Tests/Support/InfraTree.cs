using System.Text.Json.Nodes;

namespace NasServerless.Infra.Tests.Support;

/// <summary>The kustomizations under infra/ and what each of their files is.</summary>
public static class InfraTree
{
    public static readonly string[] OverlayNames = ["azurite", "azure-storage"];

    /// <summary>Files a kustomization folder may hold besides what kustomization.yaml names.</summary>
    public static bool IsDocumentation(string file) =>
        Path.GetFileName(file) is "README.md" or ".gitignore" || file.EndsWith(".example", StringComparison.Ordinal);

    public static Kustomization Base => Kustomization.Load(Path.Combine(RepositoryPaths.Infra, "base"));

    public static IEnumerable<Kustomization> Overlays =>
        OverlayNames.Select(o => Kustomization.Load(Path.Combine(RepositoryPaths.Infra, "overlays", o)));

    public static IEnumerable<Kustomization> All => Directory
        .GetFiles(RepositoryPaths.Infra, "kustomization.yaml", SearchOption.AllDirectories)
        .Select(f => Kustomization.Load(Path.GetDirectoryName(f)!))
        .OrderBy(k => k.Name, StringComparer.Ordinal);

    /// <summary>Every object listed as a resource anywhere (complete objects, not patches).</summary>
    public static IReadOnlyList<Manifest> ResourceManifests() =>
        All.SelectMany(k => k.ResourceFiles).Distinct().SelectMany(f => Yaml.LoadFile(f).Select(Manifest.From)).ToList();

    /// <summary>Patch files with the kustomization that applies them.</summary>
    public static IEnumerable<(Kustomization Owner, KustomizePatch Patch, string File)> PatchFiles() =>
        All.SelectMany(k => k.Patches.Where(p => p.Path is not null).Select(p => (k, p, Path.GetFullPath(Path.Combine(k.Directory, p.Path!)))));

    /// <summary>A JSON patch (RFC 6902) file is a YAML list of operations; a strategic-merge patch is an object.</summary>
    public static bool IsJsonPatch(string file) => Yaml.LoadFile(file) is [{ Root: JsonArray }];

    /// <summary>
    /// Generator inputs that are secret: they must be git-ignored, with a committed "&lt;name&gt;.example" template.
    /// Every generator input of a secretGenerator counts.
    /// </summary>
    public static IEnumerable<(Kustomization Owner, string File)> SecretGeneratorInputs() =>
        All.SelectMany(k => k.Generators.Where(g => g.Kind == "Secret")
            .SelectMany(g => g.Envs.Concat(g.Files.Select(f => f.Contains('=') ? f[(f.IndexOf('=') + 1)..] : f)))
            .Select(f => (k, Path.GetFullPath(Path.Combine(k.Directory, f)))));
}
