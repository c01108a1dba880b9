using System.Reflection;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace NasServerless.Infra.Tests.Support;

/// <summary>
/// Built-in Kubernetes kinds through KubernetesClient's strict YAML loader (its model types; unknown or misspelled
/// fields and duplicate keys throw). Custom resources are checked against their CRD schemas instead.
/// </summary>
public static class KubernetesModels
{
    private static readonly Dictionary<string, Type> BuiltIns = typeof(KubernetesEntityAttribute).Assembly
        .GetTypes()
        .Select(t => (Type: t, Entity: t.GetCustomAttribute<KubernetesEntityAttribute>()))
        .Where(x => x.Entity is not null)
        .ToDictionary(x => Key(string.IsNullOrEmpty(x.Entity!.Group) ? x.Entity.ApiVersion : $"{x.Entity.Group}/{x.Entity.ApiVersion}", x.Entity.Kind), x => x.Type);

    public static bool IsBuiltIn(string apiVersion, string kind) => BuiltIns.ContainsKey(Key(apiVersion, kind));

    /// <summary>Loads one document strictly into its model type; throws with the file and the reason.</summary>
    public static object LoadStrict(Manifest manifest)
    {
        if (!BuiltIns.TryGetValue(Key(manifest.ApiVersion, manifest.Kind), out var type))
            throw new InvalidDataException($"{manifest}: {manifest.ApiVersion} {manifest.Kind} is not a Kubernetes API kind KubernetesClient knows");
        try
        {
            var loaded = KubernetesYaml.LoadAllFromString(manifest.Text, new Dictionary<string, Type> { [Key(manifest.ApiVersion, manifest.Kind)] = type }, strict: true);
            return loaded.Single();
        }
        catch (Exception e)
        {
            throw new InvalidDataException($"{manifest}: strict load as {type.Name} failed: {Innermost(e).Message}", e);
        }
    }

    /// <summary>Object metadata (which CRD schemas leave open) checked as a V1ObjectMeta.</summary>
    public static IEnumerable<string> ObjectMetaErrors(JsonNode? metadata, string path)
    {
        if (metadata is not JsonObject) return [$"{path}: metadata must be an object"];
        try
        {
            KubernetesYaml.Deserialize<V1ObjectMeta>(metadata.ToJsonString(), strict: true);
            return [];
        }
        catch (Exception e)
        {
            return [$"{path}: {Innermost(e).Message}"];
        }
    }

    private static string Key(string apiVersion, string kind) => $"{apiVersion}/{kind}";

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }
}
