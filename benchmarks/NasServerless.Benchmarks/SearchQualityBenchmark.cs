using System.Text.Json.Serialization;

namespace NasServerless.Benchmarks;

/// <summary>
/// Search quality on NAS-Bench-Macro: every algorithm, same budget of distinct evaluations, same seeds,
/// same metric, in one process (and, with --peers, Optuna's and DEAP's NSGA-II through a Python script).
/// </summary>
public static class SearchQualityBenchmark
{
    public static int Run(BenchmarkArguments args)
    {
        var setup = MacroBenchmarkSetup.Read(args);
        var peers = args.Flag("peers");
        var peerScript = args.Text("peer-script");
        var peerPython = args.Text("peer-python") ?? "python3";
        args.RejectUnknown();

        Console.WriteLine($"NAS-Bench-Macro search quality: budget {setup.Budget} distinct evaluations, seeds {setup.SeedRange}, exact front hypervolume {setup.Quality.ExactHypervolume:F6}");
        var results = new List<QualitySummary>();
        foreach (var algorithm in MacroAlgorithms.Names)
        {
            var summary = setup.Summarise(algorithm, seed => MacroAlgorithms.Run(algorithm, setup.Evaluator, setup.Budget, seed));
            results.Add(summary);
            Console.Error.WriteLine($"  {algorithm}: done in {summary.Seconds:F1} s");
        }
        if (peers)
        {
            var seedList = Enumerable.Range(setup.FirstSeed, setup.Seeds).Select(s => (long)s).ToList();
            results.AddRange(PeerRunner.Run(peerScript ?? throw new ArgumentException("--peers needs --peer-script"), peerPython, setup.TablePath, setup.Budget, seedList, setup.Quality, setup.Table));
        }

        PrintTable(results);
        setup.WriteJson(new SearchQualityReport(setup.Budget, setup.Seeds, setup.FirstSeed, Math.Round(setup.Quality.ExactHypervolume, 6), results));
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
