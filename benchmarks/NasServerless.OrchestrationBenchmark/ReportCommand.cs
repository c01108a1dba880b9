using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NasServerless.OrchestrationBenchmark;

/// <summary>Prints the table and writes the benchmark's JSON from the in-process result and each distributed run.</summary>
public static class ReportCommand
{
    public static int Run(BenchArguments options)
    {
        var inProcess = JsonSerializer.Deserialize<InProcessResult>(File.ReadAllText(options.Required("inprocess")), BenchJson.Options)!;
        var runs = options.All("run").Select(f => JsonSerializer.Deserialize<DistributedResult>(File.ReadAllText(f), BenchJson.Options)!).ToList();
        var identical = runs.Count > 0 && runs.All(r => r.FrontIdenticalToInProcess);

        string N(double? value, string format = "F1") => value?.ToString(format, CultureInfo.InvariantCulture) ?? "-";
        Console.WriteLine($"{"setup",-12} {"evaluations",11} {"seconds",9} {"eval/s",9} {"overhead ms median",19} {"p95",8} {"dispatch->start med/p95",24} {"result->resume med/p95",23} {"front",9}");
        Console.WriteLine($"{"in-process",-12} {inProcess.Evaluations,11} {N(inProcess.Seconds, "F4"),9} {N(inProcess.EvaluationsPerSecond, "F0"),9}");
        foreach (var r in runs)
        {
            Console.WriteLine($"{$"{r.Workers} worker{(r.Workers == 1 ? "" : "s")}",-12} {r.Evaluations,11} {N(r.Seconds),9} {N(r.EvaluationsPerSecond),9} {N(r.OverheadMsMedian),19} {N(r.OverheadMsP95),8} " +
                $"{$"{N(r.DispatchToStartMsMedian)} / {N(r.DispatchToStartMsP95)}",24} {$"{N(r.ResultToResumeMsMedian)} / {N(r.ResultToResumeMsP95)}",23} {(r.FrontIdenticalToInProcess ? "identical" : "DIFFERS"),9}");
        }
        Console.WriteLine($"front identical to in-process: {(identical ? "yes" : "NO")}; overhead from {string.Join(", ", runs.Select(r => $"{r.OverheadSamples} candidates ({r.Workers}w)"))}");

        var json = new JsonObject
        {
            ["inProcessEvaluationsPerSecond"] = Math.Round(inProcess.EvaluationsPerSecond, 1),
            ["frontIdenticalToInProcess"] = identical,
            ["results"] = new JsonArray(runs.Select(r => (JsonNode)new JsonObject
            {
                ["workers"] = r.Workers,
                ["evaluationsPerSecond"] = Math.Round(r.EvaluationsPerSecond, 2),
                ["overheadMsMedian"] = r.OverheadMsMedian,
                ["overheadMsP95"] = r.OverheadMsP95,
                ["evaluations"] = r.Evaluations,
                ["seconds"] = Math.Round(r.Seconds, 2),
                ["dispatchToStartMsMedian"] = r.DispatchToStartMsMedian,
                ["dispatchToStartMsP95"] = r.DispatchToStartMsP95,
                ["resultToResumeMsMedian"] = r.ResultToResumeMsMedian,
                ["resultToResumeMsP95"] = r.ResultToResumeMsP95,
                ["overheadSamples"] = r.OverheadSamples,
                ["frontIdenticalToInProcess"] = r.FrontIdenticalToInProcess,
            }).ToArray()),
        };
        if (options.Optional("json") is { } path) File.WriteAllText(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        return identical ? 0 : 1;
    }
}
