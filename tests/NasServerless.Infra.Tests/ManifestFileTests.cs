using System.Text.Json.Nodes;
using NasServerless.Infra.Tests.Support;

namespace NasServerless.Infra.Tests;

/// <summary>Every manifest and patch under infra/, file by file, as written.</summary>
public class ManifestFileTests
{
    public static TheoryData<string> ResourceFiles =>
        new(InfraTree.All.SelectMany(k => k.ResourceFiles).Distinct().Select(RepositoryPaths.Relative).Order(StringComparer.Ordinal));

    public static TheoryData<string> PatchFiles =>
        new(InfraTree.PatchFiles().Select(p => RepositoryPaths.Relative(p.File)).Distinct().Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(ResourceFiles))]
    public void ResourceFile_EveryDocument_LoadsStrictly(string file)
    {
        var manifests = Yaml.LoadFile(Path.Combine(RepositoryPaths.Root, file)).Select(Manifest.From).ToList();

        Assert.NotEmpty(manifests);
        foreach (var manifest in manifests)
        {
            Assert.False(string.IsNullOrEmpty(manifest.ApiVersion), $"{manifest}: no apiVersion");
            Assert.False(string.IsNullOrEmpty(manifest.Kind), $"{manifest}: no kind");
            Assert.False(string.IsNullOrEmpty(manifest.Name), $"{manifest}: no metadata.name");
            Expect.None(Errors(manifest, checkRequired: true), $"{file} is not valid");
        }
    }

    [Theory]
    [MemberData(nameof(PatchFiles))]
    public void PatchFile_LoadsStrictly(string file)
    {
        var path = Path.Combine(RepositoryPaths.Root, file);
        if (InfraTree.IsJsonPatch(path))
        {
            var operations = Yaml.LoadFile(path).Single().Root.AsArray();
            Assert.NotEmpty(operations);
            foreach (var operation in operations)
            {
                var o = Assert.IsType<JsonObject>(operation);
                var op = o.Str("op");
                Assert.Contains(op, new[] { "add", "remove", "replace", "move", "copy", "test" });
                Assert.StartsWith("/", o.Str("path") ?? "");
                if (op is "add" or "replace" or "test") Assert.True(o.ContainsKey("value"), $"{file}: {op} without a value");
                if (op is "move" or "copy") Assert.StartsWith("/", o.Str("from") ?? "");
                Assert.Empty(o.Select(p => p.Key).Except(["op", "path", "value", "from"]));
            }
            return;
        }

        foreach (var manifest in Yaml.LoadFile(path).Select(Manifest.From))
            Expect.None(Errors(manifest, checkRequired: false), $"{file} is not a valid patch");
    }

    [Fact]
    public void JsonPatches_HaveAnExplicitTarget()
    {
        foreach (var (owner, patch, file) in InfraTree.PatchFiles().Where(p => InfraTree.IsJsonPatch(p.File)))
            Assert.True(patch.Target is not null, $"{owner.Name}: the JSON patch {patch.Path} needs a target (kind and name)");
    }

    [Fact]
    public void EveryKustomization_HasUniqueObjects()
    {
        foreach (var kustomization in InfraTree.All)
        {
            var duplicates = kustomization.AccumulatedResources()
                .GroupBy(m => (m.Group, m.Kind, m.Name))
                .Where(g => g.Count() > 1)
                .Select(g => $"{g.Key.Kind}/{g.Key.Name}: {string.Join(", ", g.Select(m => m.Source))}");
            Expect.None(duplicates, $"{kustomization.Name}: objects defined twice");
        }
    }

    /// <summary>Strict model load for built-in kinds, CRD schema for KEDA's; anything else is unknown.</summary>
    internal static IReadOnlyList<string> Errors(Manifest manifest, bool checkRequired)
    {
        if (KubernetesModels.IsBuiltIn(manifest.ApiVersion, manifest.Kind))
        {
            try
            {
                KubernetesModels.LoadStrict(manifest);
                return [];
            }
            catch (InvalidDataException e)
            {
                return [e.Message];
            }
        }
        if (KedaSchemas.Covers(manifest))
            return KedaSchemas.Validate(manifest, checkRequired).Select(e => $"{manifest}: {e}").ToList();
        return [$"{manifest}: {manifest.ApiVersion} {manifest.Kind} is neither a built-in kind nor a KEDA CRD we have a schema for"];
    }
}
