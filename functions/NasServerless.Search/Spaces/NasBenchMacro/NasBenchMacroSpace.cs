using System.Text.Json;
using NasServerless.Search.Randomness;

namespace NasServerless.Search.Spaces.NasBenchMacro;

/// <summary>The NAS-Bench-Macro space: 8 positions × 3 blocks, varied gene by gene.</summary>
public sealed class NasBenchMacroSpace : ISearchSpace<MacroArchitecture>
{
    public string Name => "nas-bench-macro";

    public MacroArchitecture Minimal() => new(new string('0', MacroArchitecture.Positions));

    public MacroArchitecture Mutate(MacroArchitecture parent, DeterministicRandom rng, double perGeneProbability)
    {
        var child = parent;
        for (var position = 0; position < MacroArchitecture.Positions; position++)
            if (rng.Chance(perGeneProbability)) child = child.With(position, OtherChoice(child[position], rng));
        if (child == parent)
        {
            var position = rng.NextInt(MacroArchitecture.Positions);
            child = child.With(position, OtherChoice(child[position], rng));
        }
        return child;
    }

    public (MacroArchitecture First, MacroArchitecture Second) Crossover(MacroArchitecture first, MacroArchitecture second, DeterministicRandom rng)
    {
        var cut = rng.NextInt(1, MacroArchitecture.Positions - 1);
        return (new MacroArchitecture(first.Key[..cut] + second.Key[cut..]), new MacroArchitecture(second.Key[..cut] + first.Key[cut..]));
    }

    public string Id(MacroArchitecture genome) => genome.Key;

    public int Distance(MacroArchitecture first, MacroArchitecture second) => EditDistance.Between(first.Key.ToCharArray(), second.Key.ToCharArray());

    public string ToJson(MacroArchitecture genome) => JsonSerializer.Serialize(new { architecture = genome.Key });

    public MacroArchitecture Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("architecture", out var key) || key.ValueKind != JsonValueKind.String)
                throw new FormatException("NAS-Bench-Macro genome JSON must be an object with a string property 'architecture', e.g. {\"architecture\":\"01201100\"}.");
            return new MacroArchitecture(key.GetString()!);
        }
        catch (JsonException e)
        {
            throw new FormatException($"NAS-Bench-Macro genome JSON is invalid: {e.Message}", e);
        }
    }

    private static int OtherChoice(int current, DeterministicRandom rng) => (current + rng.NextInt(1, MacroArchitecture.Choices - 1)) % MacroArchitecture.Choices;
}
