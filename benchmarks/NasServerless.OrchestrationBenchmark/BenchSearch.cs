using System.Globalization;
using NasServerless.Search.Evolution;

namespace NasServerless.OrchestrationBenchmark;

/// <summary>
/// The benchmark's search: NAS-Bench-Macro, 4 islands of 8, as many generations as make about the asked number of
/// evaluations (32 candidates a generation, a few fewer where islands breed the same architecture).
/// </summary>
public static class BenchSearch
{
    public const int Islands = 4;
    public const int PopulationSize = 8;

    public static int Generations(int candidates) => Math.Max(1, (int)Math.Round(candidates / (double)(Islands * PopulationSize)) - 1);

    public static EvolutionOptions Evolution(int candidates, long seed) =>
        new() { Islands = Islands, PopulationSize = PopulationSize, Generations = Generations(candidates), Seed = seed };

    /// <summary>
    /// The same search as the HTTP API's JSON, with zero simulated training time. The dispatch timeout also sets how
    /// often an island polls for a candidate another island owns (timeout / 20, 1 to 30 s), which paces every
    /// generation with such a shared candidate: 20 s gives the shortest poll (1 s).
    /// </summary>
    public static string Json(int candidates, long seed, int dispatchTimeoutSeconds) => string.Create(CultureInfo.InvariantCulture,
        $$$"""{"name":"orchestration benchmark","searchSpace":"nas-bench-macro","evolution":{"islands":{{{Islands}}},"populationSize":{{{PopulationSize}}},"generations":{{{Generations(candidates)}}},"seed":{{{seed}}}},"training":{"simulatedSeconds":0},"dispatch":{"timeoutSeconds":{{{dispatchTimeoutSeconds}}}}}""");

    /// <summary>What "identical fronts" compares: id and metrics of each member, in order.</summary>
    public static string Describe(string id, double accuracy, long parameters, long flops) =>
        string.Create(CultureInfo.InvariantCulture, $"{id} {accuracy:R} {parameters} {flops}");
}
