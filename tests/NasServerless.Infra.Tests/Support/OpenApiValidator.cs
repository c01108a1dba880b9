using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NasServerless.Infra.Tests.Support;

/// <summary>
/// Validates a custom resource against its CRD's structural OpenAPI v3 schema, strictly: types (with
/// x-kubernetes-int-or-string and nullable), required fields, enums, patterns, bounds, list-map keys, and
/// unknown fields (rejected unless additionalProperties or x-kubernetes-preserve-unknown-fields allows them;
/// the API server would silently prune them). The root metadata, which CRDs leave open, is checked as a
/// V1ObjectMeta.
/// </summary>
public static class OpenApiValidator
{
    public static IReadOnlyList<string> Validate(JsonNode? value, JsonObject schema, bool checkRequired = true)
    {
        var errors = new List<string>();
        Check(value, schema, "$", checkRequired, errors);
        return errors;
    }

    private static void Check(JsonNode? value, JsonObject schema, string path, bool checkRequired, List<string> errors)
    {
        if (value is null)
        {
            if (!schema["nullable"].IsTrue()) errors.Add($"{path}: null is not allowed");
            return;
        }

        if (schema["x-kubernetes-int-or-string"].IsTrue())
        {
            if (!IsInteger(value) && !IsString(value)) errors.Add($"{path}: expected an integer or a string, got {Describe(value)}");
            return;
        }

        if (schema["anyOf"] is JsonArray anyOf && !anyOf.Objects().Any(alternative => Validate(value, alternative, checkRequired).Count == 0))
            errors.Add($"{path}: matches none of the anyOf alternatives ({Describe(value)})");

        var type = schema.Str("type");
        switch (type)
        {
            case "object" when value is not JsonObject:
            case "array" when value is not JsonArray:
            case "string" when !IsString(value):
            case "integer" when !IsInteger(value):
            case "number" when !IsInteger(value) && !IsNumber(value):
            case "boolean" when !IsBoolean(value):
                errors.Add($"{path}: expected {type}, got {Describe(value)}");
                return;
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
            errors.Add($"{path}: {value.ToJsonString()} is not one of {allowed.ToJsonString()}");

        switch (value)
        {
            case JsonObject o:
                CheckObject(o, schema, path, checkRequired, errors);
                break;
            case JsonArray a:
                CheckArray(a, schema, path, checkRequired, errors);
                break;
            default:
                CheckScalar((JsonValue)value, schema, path, errors);
                break;
        }
    }

    private static void CheckObject(JsonObject o, JsonObject schema, string path, bool checkRequired, List<string> errors)
    {
        if (checkRequired)
            foreach (var required in schema.Arr("required").Strings())
                if (!o.ContainsKey(required)) errors.Add($"{path}: required field '{required}' is missing");

        var properties = schema.Obj("properties");
        var additional = schema["additionalProperties"];
        var preserveUnknown = schema["x-kubernetes-preserve-unknown-fields"].IsTrue();
        foreach (var (key, child) in o)
        {
            var childPath = $"{path}.{key}";
            if (properties?[key] is JsonObject propertySchema)
            {
                if (path == "$" && key == "metadata" && propertySchema.Obj("properties") is null)
                    errors.AddRange(KubernetesModels.ObjectMetaErrors(child, childPath));
                else
                    Check(child, propertySchema, childPath, checkRequired, errors);
            }
            else if (additional is JsonObject additionalSchema)
                Check(child, additionalSchema, childPath, checkRequired, errors);
            else if (!additional.IsTrue() && !preserveUnknown)
                errors.Add($"{childPath}: unknown field (the schema does not define it; the API server would drop it)");
        }
    }

    private static void CheckArray(JsonArray a, JsonObject schema, string path, bool checkRequired, List<string> errors)
    {
        if (schema["minItems"].Long() is { } min && a.Count < min) errors.Add($"{path}: fewer than {min} items");
        if (schema["maxItems"].Long() is { } max && a.Count > max) errors.Add($"{path}: more than {max} items");
        if (schema["items"] is JsonObject items)
            for (var i = 0; i < a.Count; i++)
                Check(a[i], items, $"{path}[{i}]", checkRequired, errors);

        switch (schema.Str("x-kubernetes-list-type"))
        {
            case "set":
                if (a.Select(x => x?.ToJsonString()).Distinct().Count() != a.Count) errors.Add($"{path}: duplicate items in a set");
                break;
            case "map":
                var keys = schema.Arr("x-kubernetes-list-map-keys").Strings().ToArray();
                var seen = new HashSet<string>();
                foreach (var item in a.OfType<JsonObject>())
                {
                    var key = string.Join("|", keys.Select(k => item[k]?.ToJsonString() ?? "<default>"));
                    if (!seen.Add(key)) errors.Add($"{path}: duplicate list-map key ({string.Join(", ", keys)}) = {key}");
                }
                break;
        }
    }

    private static void CheckScalar(JsonValue value, JsonObject schema, string path, List<string> errors)
    {
        if (IsString(value))
        {
            var s = value.GetValue<string>();
            if (schema["minLength"].Long() is { } minLength && s.Length < minLength) errors.Add($"{path}: shorter than {minLength}");
            if (schema["maxLength"].Long() is { } maxLength && s.Length > maxLength) errors.Add($"{path}: longer than {maxLength}");
            if (schema.Str("pattern") is { } pattern && !Regex.IsMatch(s, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
                errors.Add($"{path}: '{s}' does not match {pattern}");
            return;
        }
        if (IsInteger(value) || IsNumber(value))
        {
            var n = ToDouble(value);
            if (schema["minimum"] is JsonValue minimum && n < ToDouble(minimum)) errors.Add($"{path}: {n} is below the minimum {minimum}");
            if (schema["maximum"] is JsonValue maximum && n > ToDouble(maximum)) errors.Add($"{path}: {n} is above the maximum {maximum}");
            if (schema.Str("format") == "int32" && n is < int.MinValue or > int.MaxValue) errors.Add($"{path}: {n} is not an int32");
        }
    }

    private static double ToDouble(JsonValue value) => value.TryGetValue<long>(out var l) ? l : value.GetValue<double>();

    private static bool IsString(JsonNode node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String;

    private static bool IsBoolean(JsonNode node) => node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False;

    private static bool IsInteger(JsonNode node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out _);

    private static bool IsNumber(JsonNode node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number;

    private static string Describe(JsonNode node) => node switch
    {
        JsonObject => "an object",
        JsonArray => "an array",
        JsonValue v => $"{v.GetValueKind().ToString().ToLowerInvariant()} {v.ToJsonString()}",
        _ => node.ToJsonString(),
    };
}
