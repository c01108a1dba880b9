using System.Diagnostics;
using System.Text.Json;
using NasServerless.Search.Evaluation;
using NasServerless.Search.Evolution;
using NasServerless.Search.Spaces.NasBenchMacro;

namespace NasServerless.Benchmarks;

/// <summary>
/// Runs the peer libraries (Optuna NSGAIISampler, DEAP NSGA-II) through a Python script that prints,
/// per algorithm and seed, the ordered distinct architectures it evaluated; the metrics are then
/// computed here exactly as for our own algorithms.
/// </summary>
public static class PeerRunner
{
    public static IReadOnlyList<QualitySummary> Run(string script, string python, string tablePath, int budget, IReadOnlyList<long> seeds, NasBenchMacroQuality quality, NasBenchMacroTable table)
    {
        var output = Path.GetTempFileName();
        try
        {
            var start = new ProcessStartInfo(python, [script, "--table", tablePath, "--budget", budget.ToString(), "--first-seed", seeds[0].ToString(), "--seeds", seeds.Count.ToString(), "--json", output])
            {
                RedirectStandardError = false,
                RedirectStandardOutput = false,
            };
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {python}");
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException($"peer script {script} failed with exit code {process.ExitCode}");
            using var document = JsonDocument.Parse(File.ReadAllText(output));
            var summaries = new List<QualitySummary>();
            foreach (var algorithm in document.RootElement.GetProperty("algorithms").EnumerateArray())
            {
                var runs = algorithm.GetProperty("runs").EnumerateArray()
                    .Select(run => (IReadOnlyList<Individual<MacroArchitecture>>)run.GetProperty("architectures").EnumerateArray()
                        .Select(a => ToIndividual(a.GetString()!, table)).ToList())
                    .ToList();
                summaries.Add(QualitySummary.Of(algorithm.GetProperty("name").GetString()!, runs, quality, algorithm.GetProperty("seconds").GetDouble()));
            }
            return summaries;
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static Individual<MacroArchitecture> ToIndividual(string key, NasBenchMacroTable table)
    {
        var entry = table.Get(key);
        return new Individual<MacroArchitecture>(key, new MacroArchitecture(key), new Evaluation(entry.MeanAccuracy / 100.0, entry.Parameters, entry.Flops));
    }
}
