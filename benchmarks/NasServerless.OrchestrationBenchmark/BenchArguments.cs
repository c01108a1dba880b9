using System.Globalization;

namespace NasServerless.OrchestrationBenchmark;

/// <summary>"--name value" pairs; a repeated name keeps every value.</summary>
public sealed class BenchArguments
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    public static BenchArguments Parse(IEnumerable<string> args)
    {
        var result = new BenchArguments();
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var name = e.Current;
            if (!name.StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"expected an option, got '{name}'");
            if (!e.MoveNext()) throw new ArgumentException($"{name} needs a value");
            if (!result._values.TryGetValue(name[2..], out var list)) result._values[name[2..]] = list = [];
            list.Add(e.Current);
        }
        return result;
    }

    public string Required(string name) => Optional(name) ?? throw new ArgumentException($"--{name} is required");

    public string? Optional(string name) => _values.TryGetValue(name, out var list) ? list[^1] : null;

    public IReadOnlyList<string> All(string name) => _values.TryGetValue(name, out var list) ? list : [];

    public int Int(string name, int fallback) => Optional(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public long Long(string name, long fallback) => Optional(name) is { } v ? long.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
