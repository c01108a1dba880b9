using System.Globalization;
using System.Text.Json;

namespace NasServerless.Cli;

public static class FrontTable
{
    public static void Print(JsonElement front)
    {
        var members = front.GetProperty("members");
        Console.WriteLine($"Pareto front of search {front.GetProperty("id").GetString()} after generation {front.GetProperty("generation").GetInt32()} " +
                          $"({front.GetProperty("evaluations").GetInt32()} architectures evaluated, {front.GetProperty("failed").GetInt32()} failed): {members.GetArrayLength()} members");
        Console.WriteLine($"{"candidate",-34} {"val acc",8} {"test acc",8} {"params",11} {"FLOPs",14}  weights");
        foreach (var m in members.EnumerateArray())
        {
            var test = m.GetProperty("testAccuracy").ValueKind == JsonValueKind.Number ? m.GetProperty("testAccuracy").GetDouble().ToString("P2", CultureInfo.InvariantCulture) : "-";
            var weights = m.GetProperty("weightsBlob").ValueKind == JsonValueKind.String ? m.GetProperty("weightsBlob").GetString() : "-";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{m.GetProperty("candidateId").GetString(),-34} {m.GetProperty("validationAccuracy").GetDouble(),8:P2} {test,8} {m.GetProperty("parameters").GetInt64(),11:N0} {m.GetProperty("flops").GetInt64(),14:N0}  {weights}"));
        }
    }
}
