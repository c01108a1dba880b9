using System.Diagnostics;
using System.Text.Json.Nodes;
using NasServerless.Infra.Tests.Support;

namespace NasServerless.Infra.Tests;

/// <summary>
/// The kustomizations checked as files, without kustomize: what they list exists, what their folders hold is
/// listed, and patches and replacements point at objects that exist. (RenderedOverlayTests builds them.)
/// </summary>
public class KustomizationTests
{
    [Fact]
    public void Infra_HasTheBaseAndBothOverlays()
    {
        Assert.Equal(["infra/base", "infra/overlays/azure-storage", "infra/overlays/azurite"], InfraTree.All.Select(k => k.Name));
    }

    [Fact]
    public void Kustomizations_UseOnlyKnownFields()
    {
        foreach (var k in InfraTree.All)
        {
            Assert.Equal("kustomize.config.k8s.io/v1beta1", k.Root.Str("apiVersion"));
            Assert.Equal("Kustomization", k.Root.Str("kind"));
            Expect.None(k.Root.Select(p => p.Key).Where(key => !Kustomization.KnownFields.Contains(key)).Select(key => $"{k.Name}: {key}"), "unknown or deprecated kustomization fields");
        }
    }

    [Fact]
    public void Kustomizations_ListOnlyFilesThatExist()
    {
        var missing = new List<string>();
        foreach (var k in InfraTree.All)
        {
            foreach (var resource in k.Resources)
            {
                var path = Path.GetFullPath(Path.Combine(k.Directory, resource));
                if (Directory.Exists(path) ? !File.Exists(Path.Combine(path, "kustomization.yaml")) : !File.Exists(path))
                    missing.Add($"{k.Name}: resource {resource}");
            }
            foreach (var file in k.Patches.Select(p => p.Path).OfType<string>().Concat(k.Configurations))
                if (!File.Exists(Path.Combine(k.Directory, file))) missing.Add($"{k.Name}: {file}");
            var secretInputs = InfraTree.SecretGeneratorInputs().Where(s => s.Owner.Directory == k.Directory).Select(s => s.File).ToHashSet();
            foreach (var input in k.GeneratorInputs.Select(i => Path.GetFullPath(Path.Combine(k.Directory, i))))
            {
                // A secret input is not committed: its template must be.
                var exists = secretInputs.Contains(input) ? File.Exists(input + ".example") : File.Exists(input);
                if (!exists) missing.Add($"{k.Name}: generator input {RepositoryPaths.Relative(input)}{(secretInputs.Contains(input) ? ".example" : "")}");
            }
        }
        Expect.None(missing, "listed but missing");
    }

    [Fact]
    public void KustomizationFolders_HoldOnlyWhatTheirKustomizationUses()
    {
        var unused = new List<string>();
        foreach (var k in InfraTree.All)
        {
            var used = k.Resources.Concat(k.Patches.Select(p => p.Path).OfType<string>()).Concat(k.Configurations).Concat(k.GeneratorInputs)
                .Select(f => Path.GetFullPath(Path.Combine(k.Directory, f)))
                .Append(Path.Combine(k.Directory, "kustomization.yaml"))
                .ToHashSet();
            unused.AddRange(Directory.GetFiles(k.Directory)
                .Where(f => !used.Contains(Path.GetFullPath(f)) && !InfraTree.IsDocumentation(f))
                .Select(RepositoryPaths.Relative));
        }
        Expect.None(unused, "files no kustomization uses (list them, or delete them)");
    }

    [Fact]
    public void InfraFolders_AreAllKustomizations()
    {
        var kustomizations = InfraTree.All.Select(k => k.Directory).ToHashSet();
        var stray = Directory.GetFiles(RepositoryPaths.Infra, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetDirectoryName(f) is { } dir && dir != RepositoryPaths.Infra && !kustomizations.Contains(dir)
                        && !(Path.GetFileName(dir) == "overlays" && Path.GetDirectoryName(dir) == RepositoryPaths.Infra))
            .Select(RepositoryPaths.Relative);
        Expect.None(stray, "files outside the kustomization folders");
        Assert.Empty(Directory.GetFiles(Path.Combine(RepositoryPaths.Infra, "overlays")).Select(RepositoryPaths.Relative));
    }

    [Fact]
    public void Patches_TargetObjectsThatExist()
    {
        foreach (var k in InfraTree.All)
        {
            var available = k.AccumulatedResources();
            foreach (var patch in k.Patches)
            {
                var selectors = patch.Target is { } target
                    ? [target]
                    : Yaml.Load(patch.Inline ?? File.ReadAllText(Path.Combine(k.Directory, patch.Path!)), patch.Path ?? "inline patch")
                        .Select(d => Manifest.From(d))
                        .Select(m => new JsonObject { ["kind"] = m.Kind, ["name"] = m.Name, ["group"] = m.Group })
                        .ToList();
                Assert.NotEmpty(selectors);
                foreach (var selector in selectors)
                    Assert.True(available.Any(m => Selects(selector, m)),
                        $"{k.Name}: patch {patch.Path ?? "(inline)"} targets {selector.ToJsonString()}, which is not among {string.Join(", ", available)}");
            }
        }
    }

    [Fact]
    public void Replacements_CopyFromAndToObjectsThatExist()
    {
        foreach (var k in InfraTree.All)
        {
            var available = k.AccumulatedResources();
            foreach (var replacement in k.Replacements.Objects())
            {
                var source = replacement.Obj("source")!;
                Assert.True(available.Any(m => Selects(source, m)), $"{k.Name}: replacement source {source.ToJsonString()} does not exist");
                var sourceObject = available.First(m => Selects(source, m));
                Assert.True(Resolve(sourceObject.Object, source.Str("fieldPath")!) is JsonValue,
                    $"{k.Name}: replacement source field {source.Str("fieldPath")} is not a value of {sourceObject}");
                foreach (var target in replacement.Arr("targets").Objects())
                {
                    var select = target.Obj("select")!;
                    Assert.True(available.Any(m => Selects(select, m)), $"{k.Name}: replacement target {select.ToJsonString()} does not exist");
                    Assert.NotEmpty(target.Arr("fieldPaths"));
                }
            }
        }
    }

    [Fact]
    public void Overlays_BuildOnTheBaseInItsNamespace()
    {
        var ns = InfraTree.Base.Root.Str("namespace");
        Assert.False(string.IsNullOrEmpty(ns));
        foreach (var overlay in InfraTree.Overlays)
        {
            Assert.Contains("../../base", overlay.Resources);
            Assert.Equal(ns, overlay.Root.Str("namespace"));
        }
    }

    [Fact]
    public void SecretGeneratorInputs_AreGitIgnoredAndHaveCommittedTemplates()
    {
        var inputs = InfraTree.SecretGeneratorInputs().ToList();
        Assert.NotEmpty(inputs);
        foreach (var (owner, input) in inputs)
        {
            Assert.True(File.Exists(input + ".example"), $"{owner.Name}: {RepositoryPaths.Relative(input)}.example is missing");
            Assert.True(GitIgnores(input), $"{RepositoryPaths.Relative(input)} must be git-ignored (infra/.gitignore): it holds secrets");
            Assert.False(GitIgnores(input + ".example"), $"{RepositoryPaths.Relative(input)}.example must be committed");
        }
    }

    [Fact]
    public void Generators_TakeNoLiteralValues()
    {
        foreach (var k in InfraTree.All)
            Assert.All(k.Generators, g => Assert.Empty(g.Literals));
    }

    /// <summary>A kustomize selector (kind, name, group, version) against an object.</summary>
    internal static bool Selects(JsonObject selector, Manifest m) =>
        (selector.Str("kind") is not { } kind || kind == m.Kind)
        && (selector.Str("name") is not { } name || name == m.Name)
        && (selector.Str("group") is not { } group || group == m.Group)
        && (selector.Str("version") is not { } version || m.ApiVersion.EndsWith(version, StringComparison.Ordinal));

    private static JsonNode? Resolve(JsonNode? node, string fieldPath)
    {
        foreach (var part in fieldPath.Split('.')) node = node is JsonObject o ? o[part] : null;
        return node;
    }

    private static bool GitIgnores(string path)
    {
        var start = new ProcessStartInfo("git", ["check-ignore", "--quiet", "--no-index", Path.GetRelativePath(RepositoryPaths.Root, path)])
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var git = Process.Start(start) ?? throw new InvalidOperationException("git did not start (needed to check infra/.gitignore)");
        git.WaitForExit();
        return git.ExitCode switch
        {
            0 => true,
            1 => false,
            var code => throw new InvalidOperationException($"git check-ignore failed ({code}): {git.StandardError.ReadToEnd()}"),
        };
    }
}
