using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using NasServerless.Trainer.Storage;

namespace NasServerless.Trainer.IntegrationTests.Support;

/// <summary>
/// One in-memory Azurite (the repository's npm package) for the whole test collection, on free loopback ports.
/// Missing node_modules fails every test with the fix (run <c>npm install</c>); the tests are never skipped.
/// Stopped by PID at the end: SIGTERM, then SIGKILL after two seconds (Azurite can take over 10 s to stop).
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(45);
    private readonly StringBuilder _output = new();
    private Process? _process;
    private DirectoryInfo? _location;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var azurite = Path.Combine(RepositoryPaths.Root, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed: {azurite} is missing. Run `npm install` in {RepositoryPaths.Root} (package.json pins azurite 3.37.0), then run the tests again.");
        }

        var ports = FreePorts(3);
        _location = Directory.CreateTempSubdirectory("nas-azurite-");
        var start = new ProcessStartInfo(azurite)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _location.FullName,
        };
        foreach (var argument in new[]
                 {
                     "--silent", "--skipApiVersionCheck", "--loose", "--inMemoryPersistence",
                     "--blobHost", "127.0.0.1", "--blobPort", $"{ports[0]}",
                     "--queueHost", "127.0.0.1", "--queuePort", $"{ports[1]}",
                     "--tableHost", "127.0.0.1", "--tablePort", $"{ports[2]}",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"{azurite} did not start.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var clock = Stopwatch.StartNew();
        while (!(await ListeningAsync(ports[0]) && await ListeningAsync(ports[1])))
        {
            if (_process.HasExited) throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode} while starting:\n{Output}");
            if (clock.Elapsed > StartTimeout) throw new TimeoutException($"Azurite did not listen on 127.0.0.1:{ports[0]}/{ports[1]} within {StartTimeout.TotalSeconds} s:\n{Output}");
            await Task.Delay(100);
        }
        ConnectionString = AzuriteConnection.ConnectionString(ports[0], ports[1], ports[2]);
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await ChildProcesses.StopAsync(_process, TimeSpan.FromSeconds(2));
            _process.Dispose();
        }
        try
        {
            _location?.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    private string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    private static async Task<bool> ListeningAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port).WaitAsync(TimeSpan.FromSeconds(1));
            return true;
        }
        catch (Exception e) when (e is SocketException or TimeoutException)
        {
            return false;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
