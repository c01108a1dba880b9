using System.Text.Json;
using System.Text.Json.Serialization;
using NasServerless.Search.Evolution;
using NasServerless.Search.Spaces.NasBenchMacro;

namespace NasServerless.Benchmarks;

/// <summary>
/// The single-island configuration study (the reference work compared nine): by default population
/// {10, 20, 40} × mutation probability per gene {0.05, 0.125, 0.25}; --grid FILE takes a JSON array of
/// EvolutionOptions objects (camelCase, any GA setting) instead.
/// </summary>
public static class ConfigStudyBenchmark
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    public static int Run(BenchmarkArguments args)
    {
        var setup = MacroBenchmarkSetup.Read(args);
        var gridPath = args.Text("grid");
        args.RejectUnknown();

        var grid = gridPath is null ? DefaultGrid() : LoadGrid(gridPath);
        var space = new NasBenchMacroSpace();
        Console.WriteLine($"Configuration study on NAS-Bench-Macro: {grid.Count} configurations, budget {setup.Budget}, seeds {setup.SeedRange}");

        var rows = new List<ConfigStudyRow>();
        foreach (var options in grid)
        {
            var summary = setup.Summarise(Describe(options), seed => MacroAlgorithms.Nsga2(space, setup.Evaluator, options, setup.Budget, seed));
            rows.Add(new ConfigStudyRow(options.PopulationSize, options.MutationProbabilityPerGene, options.CrossoverProbability, NonDefaultSettings(options), summary));
        }
        rows = rows.OrderByDescending(r => r.Summary.HvRatioMedian).ThenByDescending(r => r.Summary.BestAccMedian).ToList();

        Console.WriteLine();
        var width = Math.Max(40, rows.Max(r => r.Summary.Algorithm.Length));
        Console.WriteLine($"{"rank",4} {"configuration".PadRight(width)} {"hvRatio med",11} {"p25",8} {"p75",8} {"bestAcc med",11} {"found best",10} {"evals→exact front",17} {"runs exact",10}");
        for (var i = 0; i < rows.Count; i++)
        {
            var s = rows[i].Summary;
            Console.WriteLine($"{i + 1,4} {s.Algorithm.PadRight(width)} {s.HvRatioMedian,11:F4} {s.HvRatioP25,8:F4} {s.HvRatioP75,8:F4} {s.BestAccMedian,11:F3} {s.FoundBestCount,10} {(s.EvalsToExactFrontMedian?.ToString("F0") ?? "never"),17} {s.ExactFrontCount,10}");
        }
        setup.WriteJson(new { budget = setup.Budget, seeds = setup.Seeds, firstSeed = setup.FirstSeed, results = rows });
        return 0;
    }

    private static List<EvolutionOptions> DefaultGrid() =>
        (from population in new[] { 10, 20, 40 }
         from mutation in new[] { 0.05, 0.125, 0.25 }
         select new EvolutionOptions { PopulationSize = population, MutationProbabilityPerGene = mutation }).ToList();

    private static List<EvolutionOptions> LoadGrid(string path)
    {
        if (!File.Exists(path)) throw new ArgumentException($"--grid file '{path}' does not exist");
        List<EvolutionOptions>? grid;
        try
        {
            grid = JsonSerializer.Deserialize<List<EvolutionOptions>>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"--grid file '{path}' is not a JSON array of evolution options: {e.Message}");
        }
        if (grid is null || grid.Count == 0) throw new ArgumentException($"--grid file '{path}' holds no configuration");
        for (var i = 0; i < grid.Count; i++)
        {
            var errors = grid[i].Validate();
            if (errors.Count > 0) throw new ArgumentException($"--grid file '{path}', configuration [{i}]: {string.Join("; ", errors)}");
        }
        return grid;
    }

    private static string Describe(EvolutionOptions o)
    {
        var described = $"pop {o.PopulationSize}, p(mut/gene) {o.MutationProbabilityPerGene:0.###}, p(cx) {o.CrossoverProbability:0.##}";
        var others = NonDefaultSettings(o).Where(kv => kv.Key is not ("populationSize" or "mutationProbabilityPerGene" or "crossoverProbability")).ToList();
        return others.Count == 0 ? described : described + ", " + string.Join(", ", others.Select(kv => $"{kv.Key} {kv.Value}"));
    }

    /// <summary>The settings (camelCase, as in a grid file) where <paramref name="o"/> differs from the defaults, except those the study sets itself.</summary>
    private static Dictionary<string, string> NonDefaultSettings(EvolutionOptions o)
    {
        var camel = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
        var mine = JsonSerializer.SerializeToElement(o, camel);
        var defaults = JsonSerializer.SerializeToElement(new EvolutionOptions(), camel);
        var studySets = new HashSet<string> { "seed", "evaluationBudget", "generations", "initialMutations", "offspring" };
        return mine.EnumerateObject()
            .Where(p => !studySets.Contains(p.Name) && (!defaults.TryGetProperty(p.Name, out var d) || d.GetRawText() != p.Value.GetRawText()))
            .ToDictionary(p => p.Name, p => p.Value.GetRawText());
    }
}

public sealed record ConfigStudyRow(
    [property: JsonPropertyName("populationSize")] int PopulationSize,
    [property: JsonPropertyName("mutationProbabilityPerGene")] double MutationProbabilityPerGene,
    [property: JsonPropertyName("crossoverProbability")] double CrossoverProbability,
    [property: JsonPropertyName("settings")] IReadOnlyDictionary<string, string> Settings,
    [property: JsonPropertyName("summary")] QualitySummary Summary);
