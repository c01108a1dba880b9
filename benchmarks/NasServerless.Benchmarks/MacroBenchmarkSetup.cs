using System.Diagnostics;
using NasServerless.Search.Evolution;
using NasServerless.Search.Spaces.NasBenchMacro;

namespace NasServerless.Benchmarks;

/// <summary>What every NAS-Bench-Macro benchmark shares: seeds, budget, JSON output, the table and its quality metric.</summary>
public sealed class MacroBenchmarkSetup
{
    private MacroBenchmarkSetup(int seeds, int firstSeed, int budget, string? jsonPath, string tablePath)
    {
        (Seeds, FirstSeed, Budget, JsonPath, TablePath) = (seeds, firstSeed, budget, jsonPath, tablePath);
        Table = NasBenchMacroTable.Load(tablePath);
        Quality = new NasBenchMacroQuality(Table);
        Evaluator = new NasBenchMacroEvaluator(Table);
    }

    public int Seeds { get; }
    public int FirstSeed { get; }
    public int Budget { get; }
    public string? JsonPath { get; }
    public string TablePath { get; }
    public NasBenchMacroTable Table { get; }
    public NasBenchMacroQuality Quality { get; }
    public NasBenchMacroEvaluator Evaluator { get; }
    public string SeedRange => $"{FirstSeed}..{FirstSeed + Seeds - 1}";

    /// <summary>Reads --seeds, --first-seed, --budget, --json and --table; the caller reads its own options, then calls RejectUnknown.</summary>
    public static MacroBenchmarkSetup Read(BenchmarkArguments args) => new(
        args.Int("seeds", 20),
        args.Int("first-seed", 1, min: 0),
        args.Int("budget", 300),
        args.Text("json"),
        args.Text("table") ?? throw new ArgumentException("--table PATH to nas-bench-macro_cifar10.json is required"));

    /// <summary>Writes the report as indented JSON when --json was given.</summary>
    public void WriteJson(object report)
    {
        if (JsonPath is null) return;
        File.WriteAllText(JsonPath, System.Text.Json.JsonSerializer.Serialize(report, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"wrote {JsonPath}");
    }

    /// <summary>One run per seed (in parallel; each run is independent and seeded), summarised under <paramref name="name"/>.</summary>
    public QualitySummary Summarise(string name, Func<long, IReadOnlyList<Individual<MacroArchitecture>>> run)
    {
        var watch = Stopwatch.StartNew();
        var runs = new IReadOnlyList<Individual<MacroArchitecture>>[Seeds];
        Parallel.For(0, Seeds, i => runs[i] = run(FirstSeed + i));
        return QualitySummary.Of(name, runs, Quality, watch.Elapsed.TotalSeconds);
    }
}
