using System.Text.Json.Nodes;

namespace NasServerless.Infra.Tests.Support;

/// <summary>A patch entry of a kustomization: a file (or inline text) and an optional explicit target.</summary>
public sealed record KustomizePatch(string? Path, string? Inline, JsonObject? Target);

/// <summary>A secretGenerator or configMapGenerator entry.</summary>
public sealed record KustomizeGenerator(string Kind, string Name, IReadOnlyList<string> Envs, IReadOnlyList<string> Files, IReadOnlyList<string> Literals);

/// <summary>A kustomization.yaml read as data, for checks that do not need the kustomize binary.</summary>
public sealed class Kustomization
{
    /// <summary>The Kustomization fields we use or accept; anything else is a typo or a deprecated field.</summary>
    public static readonly IReadOnlySet<string> KnownFields = new HashSet<string>
    {
        "apiVersion", "kind", "metadata", "namespace", "namePrefix", "nameSuffix", "labels", "commonAnnotations",
        "resources", "components", "patches", "images", "replicas", "replacements", "configMapGenerator",
        "secretGenerator", "generatorOptions", "configurations", "buildMetadata", "sortOptions",
    };

    private Kustomization(string directory, JsonObject root)
    {
        Directory = directory;
        Root = root;
    }

    public string Directory { get; }

    public JsonObject Root { get; }

    public string Name => RepositoryPaths.Relative(Directory);

    public static Kustomization Load(string directory)
    {
        var file = Path.Combine(directory, "kustomization.yaml");
        if (!File.Exists(file)) throw new FileNotFoundException($"{RepositoryPaths.Relative(directory)} has no kustomization.yaml", file);
        return new Kustomization(directory, Yaml.LoadFile(file).Single().Root.AsObject());
    }

    public IReadOnlyList<string> Resources => Root.Arr("resources").Strings().ToList();

    public IReadOnlyList<string> Configurations => Root.Arr("configurations").Strings().ToList();

    public IReadOnlyList<KustomizePatch> Patches =>
        Root.Arr("patches").Objects().Select(p => new KustomizePatch(p.Str("path"), p.Str("patch"), p.Obj("target"))).ToList();

    public IReadOnlyList<KustomizeGenerator> Generators =>
        Root.Arr("secretGenerator").Objects().Select(g => Generator("Secret", g))
            .Concat(Root.Arr("configMapGenerator").Objects().Select(g => Generator("ConfigMap", g)))
            .ToList();

    public JsonArray Replacements => Root.Arr("replacements");

    /// <summary>Resource entries that are folders (other kustomizations).</summary>
    public IEnumerable<Kustomization> Bases =>
        Resources.Select(r => Path.GetFullPath(Path.Combine(Directory, r))).Where(System.IO.Directory.Exists).Select(Load);

    /// <summary>Resource entries that are files.</summary>
    public IEnumerable<string> ResourceFiles =>
        Resources.Select(r => Path.GetFullPath(Path.Combine(Directory, r))).Where(File.Exists);

    /// <summary>File names (relative to this folder) that generators read: env files and files, without a "key=" prefix.</summary>
    public IEnumerable<string> GeneratorInputs =>
        Generators.SelectMany(g => g.Envs.Concat(g.Files.Select(f => f.Contains('=') ? f[(f.IndexOf('=') + 1)..] : f)));

    /// <summary>
    /// The objects this kustomization puts together before its own patches: its bases' (recursively), its resource
    /// files', and stand-ins for the Secrets and ConfigMaps its generators make.
    /// </summary>
    public IReadOnlyList<Manifest> AccumulatedResources()
    {
        var result = new List<Manifest>();
        foreach (var b in Bases) result.AddRange(b.AccumulatedResources());
        foreach (var file in ResourceFiles) result.AddRange(Yaml.LoadFile(file).Select(Manifest.From));
        foreach (var g in Generators)
        {
            var stub = new JsonObject { ["apiVersion"] = "v1", ["kind"] = g.Kind, ["metadata"] = new JsonObject { ["name"] = g.Name } };
            result.Add(new Manifest($"{Name}/kustomization.yaml ({g.Kind.ToLowerInvariant()}Generator)", stub, ""));
        }
        return result;
    }

    private static KustomizeGenerator Generator(string kind, JsonObject g) =>
        new(kind, g.Str("name") ?? "", g.Arr("envs").Strings().ToList(), g.Arr("files").Strings().ToList(), g.Arr("literals").Strings().ToList());
}
