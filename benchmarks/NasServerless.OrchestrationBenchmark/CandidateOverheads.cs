using System.Text.Json;
using Azure.Data.Tables;
using NasServerless.Orchestration.State;
using NasServerless.Search.Evolution;

namespace NasServerless.OrchestrationBenchmark;

/// <summary>
/// The time a candidate spends outside its trainer, from timestamps on one machine's clock (all UTC):
/// <list type="bullet">
/// <item>dispatch → trainer start: from the candidate orchestration's decision to dispatch (the TaskScheduled event of
/// its EnqueueTrainingJob activity for the attempt that succeeded, in the task hub's History table) to the worker's log
/// line that starts training that (candidate, attempt). It covers the activity round trip, the job queue and the
/// worker's poll, and the worker's own checks (cancelled search? result already there?).</item>
/// <item>result → orchestrator resumed: from the worker's log line that published the result message to the start of
/// the orchestration episode that received the event <c>trained:{candidate}:{attempt}</c> (the OrchestratorStarted
/// event before that EventRaised in the history). It covers the results queue, the host's results poller, the raised
/// event's trip through the control queue and the orchestration dispatch.</item>
/// </list>
/// Overhead per candidate is their sum; only candidates with all four timestamps count (the owner's instance of each
/// new architecture). Worker logs are the trainers' JSON console logs (<c>Logging__Console__FormatterName=json</c>, UTC).
/// </summary>
public static class CandidateOverheads
{
    public static async Task<Overheads> MeasureAsync(SearchStore store, TableServiceClient tables, string hub, string searchId, int lastGeneration, IEnumerable<string> workerLogs)
    {
        var owners = new List<(string InstanceId, string CandidateId)>();
        for (var g = 0; g <= lastGeneration; g++)
        {
            var plan = await store.GetPlanAsync(searchId, g);
            owners.AddRange(plan.Islands.SelectMany((island, i) => island
                .Where(c => c.Disposition == CandidateDisposition.New && c.OwnerIsland == i)
                .Select(c => (InstanceIds.Candidate(searchId, g, i, c.Id), c.Id))));
        }

        var history = await ReadHistoryAsync(tables.GetTableClient($"{hub}History"), InstanceIds.ChildPrefix(searchId));
        var (started, published) = ReadWorkerLogs(workerLogs, searchId);
        var dispatch = new List<double>();
        var resume = new List<double>();
        var total = new List<double>();
        foreach (var (instanceId, candidateId) in owners)
        {
            if (!history.TryGetValue(instanceId, out var events)) continue;
            var raised = events.FindIndex(e => e.Type == "EventRaised" && e.Name.StartsWith($"trained:{candidateId}:", StringComparison.Ordinal));
            if (raised < 0) continue;
            var attempt = int.Parse(events[raised].Name[(events[raised].Name.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            var scheduled = events.Where(e => e.Type == "TaskScheduled" && e.Name == "EnqueueTrainingJob").Skip(attempt - 1).FirstOrDefault();
            var resumed = events.Take(raised).LastOrDefault(e => e.Type == "OrchestratorStarted");
            if (scheduled is null || resumed is null || !started.TryGetValue((candidateId, attempt), out var start) || !published.TryGetValue((candidateId, attempt), out var sent)) continue;
            var toStart = (start - scheduled.Time).TotalMilliseconds;
            var toResume = (resumed.Time - sent).TotalMilliseconds;
            dispatch.Add(toStart);
            resume.Add(toResume);
            total.Add(toStart + toResume);
        }
        return new Overheads(Percentiles.Of(total), Percentiles.Of(dispatch), Percentiles.Of(resume), total.Count);
    }

    private static async Task<Dictionary<string, List<HistoryEvent>>> ReadHistoryAsync(TableClient table, string prefix)
    {
        var upper = prefix[..^1] + (char)(prefix[^1] + 1);
        var rows = new Dictionary<string, List<HistoryEvent>>(StringComparer.Ordinal);
        var query = table.QueryAsync<TableEntity>(e => e.PartitionKey.CompareTo(prefix) >= 0 && e.PartitionKey.CompareTo(upper) < 0, select: ["PartitionKey", "RowKey", "EventType", "Name", "_Timestamp"]);
        await foreach (var row in query)
        {
            if (row.GetString("EventType") is not { } type || row.GetDateTimeOffset("_Timestamp") is not { } time) continue;
            if (!rows.TryGetValue(row.PartitionKey, out var list)) rows[row.PartitionKey] = list = [];
            list.Add(new HistoryEvent(row.RowKey, type, row.GetString("Name") ?? "", time));
        }
        foreach (var list in rows.Values) list.Sort((a, b) => string.CompareOrdinal(a.RowKey, b.RowKey));
        return rows;
    }

    /// <summary>Earliest "Training ..." and "Published result ..." line per (candidate, attempt) of the search, from the workers' JSON logs.</summary>
    private static (Dictionary<(string, int), DateTimeOffset> Started, Dictionary<(string, int), DateTimeOffset> Published) ReadWorkerLogs(IEnumerable<string> files, string searchId)
    {
        var started = new Dictionary<(string, int), DateTimeOffset>();
        var published = new Dictionary<(string, int), DateTimeOffset>();
        foreach (var file in files)
        {
            foreach (var line in File.ReadLines(file))
            {
                if (!line.StartsWith('{') || !line.Contains(searchId, StringComparison.Ordinal)) continue;
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                if (!root.TryGetProperty("State", out var state) || !state.TryGetProperty("{OriginalFormat}", out var format)) continue;
                if (!state.TryGetProperty("SearchId", out var search) || search.GetString() != searchId) continue;
                if (!state.TryGetProperty("CandidateId", out var candidate) || !state.TryGetProperty("Attempt", out var attempt)) continue;
                var target = format.GetString() switch
                {
                    { } f when f.StartsWith("Training {SearchId}", StringComparison.Ordinal) => started,
                    { } f when f.StartsWith("Published result", StringComparison.Ordinal) => published,
                    _ => null,
                };
                if (target is null) continue;
                var key = (candidate.GetString()!, attempt.GetInt32());
                var time = DateTimeOffset.Parse(root.GetProperty("Timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                if (!target.TryGetValue(key, out var seen) || time < seen) target[key] = time;
            }
        }
        return (started, published);
    }

    private sealed record HistoryEvent(string RowKey, string Type, string Name, DateTimeOffset Time);
}

public sealed record Overheads(Percentiles Total, Percentiles DispatchToStart, Percentiles ResultToResume, int Samples);

public sealed record Percentiles(double? Median, double? P95)
{
    /// <summary>Nearest-rank percentiles, rounded to 0.1 ms; null without samples.</summary>
    public static Percentiles Of(IReadOnlyList<double> samples)
    {
        if (samples.Count == 0) return new Percentiles(null, null);
        var sorted = samples.Order().ToArray();
        double At(double p) => Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)], 1);
        return new Percentiles(At(0.5), At(0.95));
    }
}
