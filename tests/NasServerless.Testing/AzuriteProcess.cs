using System.Diagnostics;

namespace NasServerless.Testing;

/// <summary>
/// Azurite (the repository's npm package) in memory on free loopback ports, ready within a bounded time. A missing
/// node_modules fails the tests with the fix (run <c>npm install</c>); they are never skipped. Disposing stops it by
/// PID: SIGTERM, then SIGKILL after two seconds (Azurite can take over 10 s to stop).
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    public const string AccountName = "devstoreaccount1";

    /// <summary>Azurite's published development key (not a secret).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(2);
    private readonly ChildProcess _process;
    private readonly DirectoryInfo _location;

    private AzuriteProcess(ChildProcess process, DirectoryInfo location, int[] ports)
    {
        _process = process;
        _location = location;
        BlobPort = ports[0];
        QueuePort = ports[1];
        TablePort = ports[2];
    }

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    public static async Task<AzuriteProcess> StartAsync(TestLog log)
    {
        var azurite = RepositoryPaths.Azurite;
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed: {azurite} is missing. Run `npm install` in {RepositoryPaths.Root} (package.json pins azurite 3.37.0), then run the tests again.");
        }

        var ports = FreePorts.Take(3);
        var location = Directory.CreateTempSubdirectory("nas-azurite-");
        var process = ChildProcess.Start("azurite", azurite,
        [
            "--silent", "--skipApiVersionCheck", "--loose", "--inMemoryPersistence",
            "--blobHost", "127.0.0.1", "--blobPort", $"{ports[0]}",
            "--queueHost", "127.0.0.1", "--queuePort", $"{ports[1]}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{ports[2]}",
        ], log, workingDirectory: location.FullName);
        var azuriteProcess = new AzuriteProcess(process, location, ports);
        try
        {
            var clock = Stopwatch.StartNew();
            while (!(await FreePorts.ListeningAsync(ports[0]) && await FreePorts.ListeningAsync(ports[1]) && await FreePorts.ListeningAsync(ports[2])))
            {
                if (process.HasExited) throw new InvalidOperationException($"Azurite exited while starting:\n{process.Tail()}");
                if (clock.Elapsed > StartTimeout) throw new TimeoutException($"Azurite did not listen on 127.0.0.1:{ports[0]}/{ports[1]}/{ports[2]} within {StartTimeout.TotalSeconds} s:\n{process.Tail()}");
                await Task.Delay(100);
            }
            log.Write($"{DateTime.Now:HH:mm:ss.fff} [test] azurite ready on 127.0.0.1:{ports[0]}/{ports[1]}/{ports[2]} after {clock.Elapsed.TotalSeconds:F1} s");
            return azuriteProcess;
        }
        catch
        {
            await azuriteProcess.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _process.StopAsync(StopGrace);
        await _process.DisposeAsync();
        try
        {
            _location.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A leftover empty temporary folder is harmless.
        }
    }
}
