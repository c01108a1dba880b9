using System.Net;
using System.Net.Http.Json;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using NasServerless.Orchestration.Api;
using NasServerless.Orchestration.State;
using NasServerless.Testing;

namespace NasServerless.Integration.Tests.Support;

/// <summary>
/// One running system: its own in-memory Azurite, the built host on a free loopback port with its own task hub and a
/// stable worker id, and lookup trainer worker processes. Every process is killed on dispose; every wait is bounded.
/// </summary>
public sealed class SearchSystem : IAsyncDisposable
{
    private static readonly TimeSpan HostStartTimeout = TimeSpan.FromSeconds(60);
    private readonly BuiltApps _apps;
    private readonly AzuriteProcess _azurite;
    private readonly List<ChildProcess> _workers = [];
    private readonly int _port;
    private ChildProcess? _host;
    private int _hostStarts;

    private SearchSystem(BuiltApps apps, AzuriteProcess azurite, TestLog log, string name)
    {
        _apps = apps;
        _azurite = azurite;
        Log = log;
        _port = FreePorts.Take(1)[0];
        TaskHubName = $"{name}{Guid.NewGuid():N}"[..20];
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}"), Timeout = TimeSpan.FromSeconds(30) };
        Store = new SearchStore(new BlobServiceClient(azurite.ConnectionString));
        Queues = new QueueServiceClient(azurite.ConnectionString);
        Tables = new TableServiceClient(azurite.ConnectionString);
    }

    public TestLog Log { get; }

    public string TaskHubName { get; }

    /// <summary>Stays the same across host restarts, so a restarted host reclaims its partitions at once.</summary>
    public string HostWorkerId => $"{TaskHubName}-host";

    public HttpClient Http { get; }

    public SearchStore Store { get; }

    public QueueServiceClient Queues { get; }

    public TableServiceClient Tables { get; }

    public string ConnectionString => _azurite.ConnectionString;

    public static async Task<SearchSystem> StartAsync(BuiltApps apps, TestLog log, string name, int workers)
    {
        var azurite = await AzuriteProcess.StartAsync(log);
        var system = new SearchSystem(apps, azurite, log, name);
        try
        {
            await system.StartHostAsync();
            for (var i = 0; i < workers; i++) system.StartWorker();
            return system;
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the host (again, after a kill) and waits until its HTTP API answers.</summary>
    public async Task StartHostAsync()
    {
        if (_host is { HasExited: false }) throw new InvalidOperationException("the host is already running");
        if (_host is not null) await _host.DisposeAsync();
        var name = $"host{++_hostStarts}";
        _host = ChildProcess.Start(name, ChildProcess.DotnetHost, [_apps.HostDll, "--Urls", $"http://127.0.0.1:{_port}"], Log, new Dictionary<string, string?>
        {
            ["Storage__ConnectionString"] = ConnectionString,
            ["Durable__TaskHubName"] = TaskHubName,
            ["Durable__WorkerId"] = HostWorkerId,
            // Faster polling than the 1 s default: the tests wait on many short hops (correctness, not throughput, is tested here).
            ["Durable__MaxPollingIntervalSeconds"] = "0.1",
            ["ResultsPoller__MaxPollMilliseconds"] = "250",
            ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
            // One line per candidate from three places is too much for a test log; generations and problems stay.
            ["Logging__LogLevel__NasServerless.Orchestration.Activities.EnqueueTrainingJob"] = "Warning",
            ["Logging__LogLevel__NasServerless.Orchestration.Activities.PlanIslandGeneration"] = "Warning",
            ["Logging__LogLevel__NasServerless.Orchestration.Activities.SelectIslandSurvivors"] = "Warning",
            ["Logging__LogLevel__NasServerless.Orchestration.Clients.TrainingResultRelay"] = "Warning",
            ["Logging__LogLevel__Microsoft.DurableTask"] = "Warning",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        }, Path.GetDirectoryName(_apps.HostDll));
        await Wait.UntilAsync(async () =>
        {
            if (_host.HasExited) throw new InvalidOperationException($"the host exited with code while starting:\n{_host.Tail()}");
            try
            {
                using var response = await Http.GetAsync("/api/searches?pageSize=1");
                return response.StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, HostStartTimeout, $"the host answers on 127.0.0.1:{_port}", TimeSpan.FromMilliseconds(250));
    }

    /// <summary>SIGKILL: no shutdown, leases and in-flight messages are left as they are.</summary>
    public Task KillHostAsync() => _host?.KillAsync() ?? Task.CompletedTask;

    public void StartWorker()
    {
        var id = $"worker{_workers.Count + 1}";
        _workers.Add(ChildProcess.Start(id, ChildProcess.DotnetHost,
            [_apps.TrainerDll, "worker", "--connection", ConnectionString, "--table", RepositoryPaths.NasBenchMacroTable],
            Log, new Dictionary<string, string?>
            {
                ["NAS_SHARED_PATH"] = null,
                ["Worker__WorkerId"] = $"{TaskHubName}-{id}",
                ["Worker__PollInterval"] = "00:00:00.050",
                ["Worker__MaxPollInterval"] = "00:00:00.250",
                ["Logging__LogLevel__Default"] = "Warning",
                ["Logging__Console__FormatterOptions__IncludeScopes"] = "false",
            }, Path.GetDirectoryName(_apps.TrainerDll)));
    }

    /// <summary>POSTs a search definition (JSON) and returns the new search's id.</summary>
    public async Task<string> SubmitAsync(string definitionJson)
    {
        using var response = await Http.PostAsync("/api/searches", new StringContent(definitionJson, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Accepted) throw new InvalidOperationException($"POST /api/searches answered {(int)response.StatusCode}: {text}");
        return System.Text.Json.JsonSerializer.Deserialize<SearchAccepted>(text, SearchApiJson.Options)!.Id;
    }

    public async Task<SearchStatus> GetStatusAsync(string searchId) =>
        (await Http.GetFromJsonAsync<SearchStatus>($"/api/searches/{searchId}", SearchApiJson.Options))!;

    /// <summary>Polls the status until the search is completed; a failed or terminated search fails at once.</summary>
    public async Task<SearchStatus> WaitForCompletionAsync(string searchId, TimeSpan timeout)
    {
        SearchStatus? status = null;
        await Wait.UntilAsync(async () =>
        {
            status = await GetStatusAsync(searchId);
            if (status.Status is NasServerless.Orchestration.Clients.SearchRuntimeStatus.Failed or NasServerless.Orchestration.Clients.SearchRuntimeStatus.Terminated)
                throw new InvalidOperationException($"search {searchId} is {status.Status}: {status.Failure}");
            return status.Status == NasServerless.Orchestration.Clients.SearchRuntimeStatus.Completed;
        }, timeout, $"search {searchId} completes (last status: generation {status?.Generation}, {status?.Candidates})", TimeSpan.FromMilliseconds(500));
        return status!;
    }

    /// <summary>The task hub's instance rows (search and sub-orchestrations) whose id starts with <paramref name="prefix"/>.</summary>
    public async Task<IReadOnlyList<(string InstanceId, string RuntimeStatus)>> InstancesAsync(string prefix)
    {
        var table = Tables.GetTableClient($"{TaskHubName}Instances");
        var upper = prefix[..^1] + (char)(prefix[^1] + 1);
        var rows = new List<(string, string)>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey.CompareTo(prefix) >= 0 && e.PartitionKey.CompareTo(upper) < 0))
            rows.Add((row.PartitionKey, row.GetString("RuntimeStatus") ?? ""));
        return rows;
    }

    /// <summary>The history rows kept for an instance, with the execution each belongs to.</summary>
    public async Task<IReadOnlyList<(string ExecutionId, string EventType)>> HistoryAsync(string instanceId)
    {
        var table = Tables.GetTableClient($"{TaskHubName}History");
        var rows = new List<(string, string)>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == instanceId))
            rows.Add((row.GetString("ExecutionId") ?? "", row.GetString("EventType") ?? ""));
        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        foreach (var worker in _workers) await worker.DisposeAsync();
        if (_host is not null) await _host.DisposeAsync();
        await _azurite.DisposeAsync();
    }
}
