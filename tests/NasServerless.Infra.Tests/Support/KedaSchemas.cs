using System.Text.Json.Nodes;

namespace NasServerless.Infra.Tests.Support;

/// <summary>The OpenAPI schemas of KEDA's CRDs, from the copies in shared/schemas/keda, by "group/version/Kind".</summary>
public static class KedaSchemas
{
    public const string ScaledJob = "keda.sh/v1alpha1/ScaledJob";
    public const string TriggerAuthentication = "keda.sh/v1alpha1/TriggerAuthentication";

    private static readonly Lazy<IReadOnlyDictionary<string, JsonObject>> Schemas = new(Load);

    public static bool Covers(Manifest manifest) => manifest.Group == "keda.sh";

    public static JsonObject For(string apiVersion, string kind) =>
        Schemas.Value.TryGetValue($"{apiVersion}/{kind}", out var schema)
            ? schema
            : throw new InvalidDataException($"No CRD schema for {apiVersion} {kind} in {RepositoryPaths.KedaSchemas} (served: {string.Join(", ", Schemas.Value.Keys)})");

    public static IReadOnlyList<string> Validate(Manifest manifest, bool checkRequired = true) =>
        OpenApiValidator.Validate(manifest.Object, For(manifest.ApiVersion, manifest.Kind), checkRequired);

    private static IReadOnlyDictionary<string, JsonObject> Load()
    {
        var files = Directory.GetFiles(RepositoryPaths.KedaSchemas, "keda.sh_*.yaml");
        foreach (var expected in new[] { "keda.sh_scaledjobs.yaml", "keda.sh_triggerauthentications.yaml" })
            if (!files.Any(f => Path.GetFileName(f) == expected))
                throw new InvalidOperationException($"{expected} is missing from {RepositoryPaths.KedaSchemas}");

        var schemas = new Dictionary<string, JsonObject>();
        foreach (var file in files)
        {
            var crd = Yaml.LoadFile(file).Single().Root.AsObject();
            var group = crd.Obj("spec")!.Str("group");
            var kind = crd.Obj("spec", "names")!.Str("kind");
            foreach (var version in crd.Arr("spec", "versions").Objects().Where(v => v["served"].IsTrue()))
                schemas[$"{group}/{version.Str("name")}/{kind}"] = version.Obj("schema", "openAPIV3Schema")
                    ?? throw new InvalidDataException($"{file}: version {version.Str("name")} has no openAPIV3Schema");
        }
        return schemas;
    }
}
