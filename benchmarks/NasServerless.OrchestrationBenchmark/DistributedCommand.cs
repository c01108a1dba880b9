using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using NasServerless.Orchestration.Api;
using NasServerless.Orchestration.Clients;
using NasServerless.Orchestration.State;

namespace NasServerless.OrchestrationBenchmark;

/// <summary>
/// Submits the benchmark search to a running host over HTTP, waits for it, and measures: end-to-end evaluations per
/// second (submission to the search's completion timestamp), whether the front equals the in-process one, and the
/// overhead per candidate (<see cref="CandidateOverheads"/>).
/// </summary>
public static class DistributedCommand
{
    public static async Task<int> RunAsync(BenchArguments options)
    {
        var timeout = TimeSpan.FromSeconds(options.Int("timeout", 600));
        using var http = new HttpClient { BaseAddress = new Uri(options.Required("url")), Timeout = TimeSpan.FromSeconds(30) };
        await WaitForHostAsync(http, TimeSpan.FromSeconds(90));
        var reference = JsonSerializer.Deserialize<InProcessResult>(File.ReadAllText(options.Required("reference")), BenchJson.Options)!;
        var candidates = options.Int("candidates", 300);
        var seed = options.Long("seed", 42);

        // Polled once a second (a status request lists the search's result blobs: polling fast would load Azurite);
        // the time is the server's completion timestamp minus the submission time, both UTC on this machine.
        var clock = Stopwatch.StartNew();
        var submittedAt = DateTimeOffset.UtcNow;
        using var submitted = await http.PostAsync("/api/searches", new StringContent(BenchSearch.Json(candidates, seed, options.Int("dispatch-timeout", 20)), Encoding.UTF8, "application/json"));
        if (submitted.StatusCode != HttpStatusCode.Accepted) throw new InvalidOperationException($"POST /api/searches answered {(int)submitted.StatusCode}: {await submitted.Content.ReadAsStringAsync()}");
        var searchId = (await submitted.Content.ReadFromJsonAsync<SearchAccepted>(SearchApiJson.Options))!.Id;
        SearchStatus status;
        while (true)
        {
            await Task.Delay(1000);
            status = (await http.GetFromJsonAsync<SearchStatus>($"/api/searches/{searchId}", SearchApiJson.Options))!;
            if (status.Status == SearchRuntimeStatus.Completed) break;
            if (status.Status is SearchRuntimeStatus.Failed or SearchRuntimeStatus.Terminated) throw new InvalidOperationException($"search {searchId} is {status.Status}: {status.Failure}");
            if (clock.Elapsed > timeout) throw new TimeoutException($"search {searchId} did not complete within {timeout.TotalSeconds:F0} s (generation {status.Generation}, {status.Candidates})");
        }
        var seconds = (status.LastUpdatedAt - submittedAt).TotalSeconds;

        var front = (await http.GetFromJsonAsync<SearchFront>($"/api/searches/{searchId}/front", SearchApiJson.Options))!;
        var identical = front.Members.Select(m => BenchSearch.Describe(m.CandidateId, m.ValidationAccuracy, m.Parameters, m.Flops)).SequenceEqual(reference.Front);
        var connection = options.Required("connection");
        var overheads = await CandidateOverheads.MeasureAsync(new SearchStore(new BlobServiceClient(connection)), new Azure.Data.Tables.TableServiceClient(connection),
            options.Required("hub"), searchId, front.Generation, options.All("worker-log"));

        var result = new DistributedResult(options.Int("workers", 1), front.Evaluations, seconds, front.Evaluations / seconds,
            overheads.Total.Median, overheads.Total.P95, overheads.DispatchToStart.Median, overheads.DispatchToStart.P95,
            overheads.ResultToResume.Median, overheads.ResultToResume.P95, overheads.Samples, identical);
        File.WriteAllText(options.Required("out"), JsonSerializer.Serialize(result, BenchJson.Options));
        return 0;
    }

    private static async Task WaitForHostAsync(HttpClient http, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var response = await http.GetAsync("/api/searches?pageSize=1");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            if (clock.Elapsed > timeout) throw new TimeoutException($"the host at {http.BaseAddress} did not answer within {timeout.TotalSeconds:F0} s");
            await Task.Delay(250);
        }
    }
}

public sealed record DistributedResult(
    int Workers,
    int Evaluations,
    double Seconds,
    double EvaluationsPerSecond,
    double? OverheadMsMedian,
    double? OverheadMsP95,
    double? DispatchToStartMsMedian,
    double? DispatchToStartMsP95,
    double? ResultToResumeMsMedian,
    double? ResultToResumeMsP95,
    int OverheadSamples,
    bool FrontIdenticalToInProcess);
