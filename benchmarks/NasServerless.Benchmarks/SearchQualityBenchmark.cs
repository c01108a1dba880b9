using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using NasServerless.Search.Evolution;
using NasServerless.Search.Spaces.NasBenchMacro;

namespace NasServerless.Benchmarks;

/// <summary>
/// Search quality on NAS-Bench-Macro: every algorithm, same budget of distinct evaluations, same seeds,
/// same metric, in one process (and, with --peers, Optuna's and DEAP's NSGA-II through a Python script).
/// </summary>
public static class SearchQualityBenchmark
{
    public static int Run(BenchmarkArguments args)
    {
        var seeds = args.Int("seeds", 20);
        var firstSeed = args.Int("first-seed", 1, min: 0);
        var budget = args.Int("budget", 300);
        var jsonPath = args.Text("json");
        var tablePath = args.Text("table") ?? throw new ArgumentException("--table PATH to nas-bench-macro_cifar10.json is required");
        var peers = args.Flag("peers");
        var peerScript = args.Text("peer-script");
        var peerPython = args.Text("peer-python") ?? "python3";
        args.RejectUnknown();

        var table = NasBenchMacroTable.Load(tablePath);
        var quality = new NasBenchMacroQuality(table);
        var evaluator = new NasBenchMacroEvaluator(table);
        var seedList = Enumerable.Range(firstSeed, seeds).Select(s => (long)s).ToList();
        Console.WriteLine($"NAS-Bench-Macro search quality: budget {budget} distinct evaluations, seeds {firstSeed}..{firstSeed + seeds - 1}, exact front hypervolume {quality.ExactHypervolume:F6}");

        var results = new List<QualitySummary>();
        foreach (var algorithm in MacroAlgorithms.Names)
        {
            var watch = Stopwatch.StartNew();
            var runs = new IReadOnlyList<Individual<MacroArchitecture>>[seedList.Count];
            Parallel.For(0, seedList.Count, i => runs[i] = MacroAlgorithms.Run(algorithm, evaluator, budget, seedList[i]));
            results.Add(QualitySummary.Of(algorithm, runs, quality, watch.Elapsed.TotalSeconds));
            Console.Error.WriteLine($"  {algorithm}: done in {watch.Elapsed.TotalSeconds:F1} s");
        }
        if (peers)
            results.AddRange(PeerRunner.Run(peerScript ?? throw new ArgumentException("--peers needs --peer-script"), peerPython, tablePath, budget, seedList, quality, table));

        PrintTable(results);
        var report = new SearchQualityReport(budget, seeds, firstSeed, Math.Round(quality.ExactHypervolume, 6), results);
        if (jsonPath is not null)
        {
            File.WriteAllText(jsonPath, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
            Console.WriteLine($"wrote {jsonPath}");
        }
        return 0;
    }

    public static void PrintTable(IReadOnlyList<QualitySummary> results)
    {
        Console.WriteLine();
        Console.WriteLine($"{"algorithm",-24} {"hvRatio p25",11} {"median",9} {"p75",9} {"bestAcc med",11} {"found best",10} {"evals→exact front",17} {"runs exact",10} {"seconds",8}");
        foreach (var r in results)
            Console.WriteLine($"{r.Algorithm,-24} {r.HvRatioP25,11:F4} {r.HvRatioMedian,9:F4} {r.HvRatioP75,9:F4} {r.BestAccMedian,11:F3} {r.FoundBestCount,10} {(r.EvalsToExactFrontMedian?.ToString("F0") ?? "never"),17} {r.ExactFrontCount,10} {r.Seconds,8:F1}");
    }
}

public sealed record SearchQualityReport(
    [property: JsonPropertyName("budget")] int Budget,
    [property: JsonPropertyName("seeds")] int Seeds,
    [property: JsonPropertyName("firstSeed")] int FirstSeed,
    [property: JsonPropertyName("exactFrontHypervolume")] double ExactFrontHypervolume,
    [property: JsonPropertyName("results")] IReadOnlyList<QualitySummary> Results);
