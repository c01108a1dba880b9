using System.Globalization;
using System.Text.Json;

namespace NasServerless.Cli;

public static class ProgressLine
{
    private static string Failure(JsonElement s) =>
        s.TryGetProperty("failure", out var f) && f.ValueKind == JsonValueKind.String ? $"; failure: {f.GetString()}" : "";

    public static string Of(JsonElement s)
    {
        var candidates = s.GetProperty("candidates");
        var eta = s.TryGetProperty("estimatedSecondsLeft", out var e) && e.ValueKind == JsonValueKind.Number ? $", ~{e.GetDouble():F0} s left" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{s.GetProperty("status").GetString(),-10} generation {s.GetProperty("generation").GetInt32()}/{s.GetProperty("generations").GetInt32()}: " +
            $"{candidates.GetProperty("trained").GetInt32()} trained, {candidates.GetProperty("queued").GetInt32()} queued, {candidates.GetProperty("failed").GetInt32()} failed; " +
            $"best accuracy {s.GetProperty("bestAccuracy").GetDouble():P2}, front {s.GetProperty("frontSize").GetInt32()}{eta}{Failure(s)}");
    }
}
