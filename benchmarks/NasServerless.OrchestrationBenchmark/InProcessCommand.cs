using System.Diagnostics;
using System.Text.Json;
using NasServerless.Search.Evolution;
using NasServerless.Search.Spaces.NasBenchMacro;

namespace NasServerless.OrchestrationBenchmark;

/// <summary>The same search in this process with table lookups: the limit the distributed system is measured against.</summary>
public static class InProcessCommand
{
    public static Task<int> RunAsync(BenchArguments options)
    {
        var table = NasBenchMacroTable.Load(options.Required("table"));
        var evolution = BenchSearch.Evolution(options.Int("candidates", 300), options.Long("seed", 42));
        var search = new InProcessSearch<MacroArchitecture>(new IslandEvolution<MacroArchitecture>(new NasBenchMacroSpace(), evolution));
        var evaluator = new NasBenchMacroEvaluator(table);

        var run = search.Run(evaluator); // warm-up (JIT), and the reference front
        var runs = 0;
        var clock = Stopwatch.StartNew();
        while (runs < 3 || (clock.Elapsed < TimeSpan.FromSeconds(2) && runs < 50))
        {
            search.Run(evaluator);
            runs++;
        }
        var seconds = clock.Elapsed.TotalSeconds / runs;
        var result = new InProcessResult(run.Evaluations.Count, seconds, run.Evaluations.Count / seconds,
            run.Front.Select(i => BenchSearch.Describe(i.Id, i.Evaluation.Accuracy, i.Evaluation.Parameters, i.Evaluation.Flops)).ToList());
        File.WriteAllText(options.Required("out"), JsonSerializer.Serialize(result, BenchJson.Options));
        return Task.FromResult(0);
    }
}

public sealed record InProcessResult(int Evaluations, double Seconds, double EvaluationsPerSecond, IReadOnlyList<string> Front);
