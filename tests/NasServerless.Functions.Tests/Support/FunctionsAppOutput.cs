using System.Text.Json.Nodes;
using NasServerless.Functions;

namespace NasServerless.Functions.Tests.Support;

/// <summary>
/// The app's build output as the Functions host reads it: the Worker SDK hooks functions.metadata and the linked
/// host.json into the app's copy-to-output items, so the project reference puts them next to the app's assembly here.
/// </summary>
public static class FunctionsAppOutput
{
    public static string Directory { get; } = Path.GetDirectoryName(typeof(FunctionsServiceCollectionExtensions).Assembly.Location)!;

    public static IReadOnlyList<FunctionEntry> Functions { get; } = LoadFunctions();

    public static JsonObject HostJson { get; } = JsonNode.Parse(File.ReadAllText(PathOf("host.json")))!.AsObject();

    public static FunctionEntry Function(string name) =>
        Assert.Single(Functions, f => f.Name == name);

    private static IReadOnlyList<FunctionEntry> LoadFunctions() =>
        JsonNode.Parse(File.ReadAllText(PathOf("functions.metadata")))!.AsArray()
            .Select(f => new FunctionEntry(
                f!["name"]!.GetValue<string>(),
                f["entryPoint"]!.GetValue<string>(),
                f["bindings"]!.AsArray().Select(b => b!.AsObject()).ToList()))
            .ToList();

    private static string PathOf(string file)
    {
        var path = Path.Combine(Directory, file);
        Assert.True(File.Exists(path), $"{file} is missing from the app's build output next to {typeof(FunctionsServiceCollectionExtensions).Assembly.GetName().Name}.dll ({Directory})");
        return path;
    }
}

public sealed record FunctionEntry(string Name, string EntryPoint, IReadOnlyList<JsonObject> Bindings)
{
    public JsonObject Trigger => Assert.Single(Bindings, b => b["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal));

    public string TriggerType => Trigger["type"]!.GetValue<string>();

    public bool Has(string bindingType) => Bindings.Any(b => b["type"]!.GetValue<string>() == bindingType);
}
