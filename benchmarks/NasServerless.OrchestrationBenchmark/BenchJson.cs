using System.Text.Json;

namespace NasServerless.OrchestrationBenchmark;

public static class BenchJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
