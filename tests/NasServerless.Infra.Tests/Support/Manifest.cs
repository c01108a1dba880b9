using System.Text.Json.Nodes;

namespace NasServerless.Infra.Tests.Support;

/// <summary>A Kubernetes object from a file or from kustomize's output, as JSON.</summary>
public sealed record Manifest(string Source, JsonObject Object, string Text)
{
    public string ApiVersion => Object.Str("apiVersion") ?? "";

    public string Kind => Object.Str("kind") ?? "";

    public string Name => Object["metadata"]?.AsObject().Str("name") ?? "";

    public string? Namespace => Object["metadata"]?.AsObject().Str("namespace");

    /// <summary>The API group ("" for the core group).</summary>
    public string Group => ApiVersion.Contains('/') ? ApiVersion[..ApiVersion.IndexOf('/')] : "";

    public bool Is(string kind, string? name = null) => Kind == kind && (name is null || Name == name);

    public override string ToString() => $"{Kind}/{Name} ({Source})";

    public static Manifest From(YamlDocumentText document) =>
        document.Root is JsonObject o
            ? new Manifest(document.Source, o, document.Text)
            : throw new InvalidDataException($"{document.Source}: document {document.Index + 1} is not a mapping");
}

public static class JsonNodeExtensions
{
    public static string? Str(this JsonObject o, string key) =>
        o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static JsonObject? Obj(this JsonNode? node, params string[] path)
    {
        foreach (var key in path) node = node is JsonObject o ? o[key] : null;
        return node as JsonObject;
    }

    public static JsonArray Arr(this JsonNode? node, params string[] path)
    {
        for (var i = 0; i < path.Length; i++) node = node is JsonObject o ? o[path[i]] : null;
        return node as JsonArray ?? [];
    }

    public static IEnumerable<JsonObject> Objects(this JsonArray array) => array.OfType<JsonObject>();

    public static IEnumerable<string> Strings(this JsonArray array) =>
        array.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : v.ToJsonString());

    /// <summary>A scalar as text (strings as they are, numbers and booleans as JSON writes them), or null.</summary>
    public static string? Text(this JsonNode? node) =>
        node is JsonValue v ? (v.TryGetValue<string>(out var s) ? s : v.ToJsonString()) : null;

    public static bool IsTrue(this JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    public static bool IsFalse(this JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && !b;

    public static long? Long(this JsonNode? node) => node is JsonValue v && v.TryGetValue<long>(out var l) ? l : null;
}
