namespace NasServerless.Benchmarks;

/// <summary>"--name value" and "--flag" arguments; unknown or malformed ones are a clear error.</summary>
public sealed class BenchmarkArguments
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public BenchmarkArguments(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unexpected argument '{args[i]}'");
            var hasValue = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            _values[args[i][2..]] = hasValue ? args[++i] : null;
        }
    }

    public bool Flag(string name)
    {
        _read.Add(name);
        return _values.ContainsKey(name);
    }

    public string? Text(string name)
    {
        _read.Add(name);
        return _values.TryGetValue(name, out var value) ? value ?? throw new ArgumentException($"--{name} needs a value") : null;
    }

    public int Int(string name, int fallback, int min = 1)
    {
        var text = Text(name);
        if (text is null) return fallback;
        if (!int.TryParse(text, out var value) || value < min) throw new ArgumentException($"--{name} must be an integer of at least {min}, got '{text}'");
        return value;
    }

    /// <summary>Fails on any argument that no option read: a typo must not silently run the default.</summary>
    public void RejectUnknown()
    {
        var unknown = _values.Keys.Where(k => !_read.Contains(k)).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"unknown option(s): {string.Join(", ", unknown.Select(u => "--" + u))}");
    }

    public static int Usage(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
