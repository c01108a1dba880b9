using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NasServerless.Infra.Tests.Support;

/// <summary>One YAML document of a file: its own text (for the typed Kubernetes loader) and its JSON form.</summary>
public sealed record YamlDocumentText(string Source, int Index, string Text, JsonNode Root);

/// <summary>
/// YAML to JSON the way the Kubernetes tools read it (sigs.k8s.io/yaml over go-yaml v2, YAML 1.1 scalars):
/// quoted scalars are strings; plain ones are null, booleans (true/false/yes/no/on/off...), integers, floats or
/// strings. Duplicate keys and syntax errors throw, naming the file.
/// </summary>
public static partial class Yaml
{
    public static IReadOnlyList<YamlDocumentText> LoadFile(string path) => Load(File.ReadAllText(path), RepositoryPaths.Relative(path));

    public static IReadOnlyList<YamlDocumentText> Load(string text, string source)
    {
        var documents = new List<YamlDocumentText>();
        foreach (var chunk in DocumentSeparator().Split(text))
        {
            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(chunk));
            }
            catch (Exception e) when (e is YamlException or ArgumentException)
            {
                throw new InvalidDataException($"{source}: document {documents.Count + 1} is not valid YAML: {e.Message}", e);
            }
            if (stream.Documents.Count > 1)
                throw new InvalidDataException($"{source}: use '---' lines between documents");
            if (stream.Documents.Count == 0 || IsEmpty(stream.Documents[0].RootNode)) continue;
            var root = ToJson(stream.Documents[0].RootNode)
                ?? throw new InvalidDataException($"{source}: document {documents.Count + 1} is null");
            documents.Add(new YamlDocumentText(source, documents.Count, chunk, root));
        }
        return documents;
    }

    public static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => ToObject(mapping),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidDataException($"Unsupported YAML node at {node.Start}"),
    };

    private static JsonObject ToObject(YamlMappingNode mapping)
    {
        var result = new JsonObject();
        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { } name })
                throw new InvalidDataException($"Non-scalar key at {key.Start}");
            if (result.ContainsKey(name))
                throw new InvalidDataException($"Duplicate key '{name}' at {key.Start}");
            result[name] = ToJson(value);
        }
        return result;
    }

    private static bool IsEmpty(YamlNode node) => node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain || (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific && scalar.Tag.Value == "tag:yaml.org,2002:str"))
            return JsonValue.Create(value);
        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "y" or "Y" or "on" or "On" or "ON":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE" or "no" or "No" or "NO" or "n" or "N" or "off" or "Off" or "OFF":
                return JsonValue.Create(false);
        }
        if (DecimalInteger().IsMatch(value) && long.TryParse(value.Replace("_", ""), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            return JsonValue.Create(integer);
        if (HexInteger().IsMatch(value))
            return JsonValue.Create(Convert.ToInt64(value.Replace("_", "")[2..], 16));
        if (Float().IsMatch(value) && double.TryParse(value.Replace("_", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
            return JsonValue.Create(real);
        return JsonValue.Create(value);
    }

    [GeneratedRegex(@"^---[ \t]*(?:#.*)?\r?$", RegexOptions.Multiline)]
    private static partial Regex DocumentSeparator();

    [GeneratedRegex(@"^[-+]?(0|[1-9][0-9_]*)$")]
    private static partial Regex DecimalInteger();

    [GeneratedRegex(@"^0x[0-9a-fA-F_]+$")]
    private static partial Regex HexInteger();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();
}
