using System.Collections.Concurrent;
using System.Diagnostics;
using Xunit.Abstractions;

namespace NasServerless.Trainer.IntegrationTests.Support;

/// <summary>
/// The built <c>nas-trainer worker</c> (copied beside the tests by the project reference) as a child process, with the
/// scope's queues and containers passed as environment variables. Its output goes to the test output and is kept for
/// assertions. Disposing kills it if it still runs.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ITestOutputHelper _output;
    private readonly string _name;

    private WorkerProcess(Process process, ITestOutputHelper output, string name)
    {
        _process = process;
        _output = output;
        _name = name;
    }

    public Process Process => _process;

    public IEnumerable<string> Lines => _lines;

    public static WorkerProcess Start(StorageScope storage, ITestOutputHelper output, string workerId, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "nas-trainer.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing: the test project references NasServerless.Trainer.App so that it is built beside the tests.");
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        var start = new ProcessStartInfo(string.IsNullOrEmpty(host) || !File.Exists(host) ? "dotnet" : host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("worker");
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        // Only what the test says: no NAS_SHARED_PATH defaults, no stray Worker__ settings from the test runner.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Worker__", StringComparison.OrdinalIgnoreCase) || k is "NAS_SHARED_PATH").ToList())
        {
            start.Environment.Remove(key);
        }
        foreach (var (key, value) in storage.WorkerConfiguration(workerId)) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        start.Environment["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ";
        start.Environment["Logging__Console__FormatterOptions__IncludeScopes"] = "false";
        if (environment is not null)
        {
            foreach (var (key, value) in environment) start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("nas-trainer did not start.");
        var worker = new WorkerProcess(process, output, workerId);
        process.OutputDataReceived += (_, e) => worker.Append(e.Data);
        process.ErrorDataReceived += (_, e) => worker.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Waits for the process to exit by itself and returns its exit code; fails after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Worker {_name} (pid {_process.Id}) did not exit within {timeout.TotalSeconds:F0} s.");
        }
        return _process.ExitCode;
    }

    public async Task WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!_lines.Any(match))
        {
            if (_process.HasExited && !_lines.Any(match)) throw new InvalidOperationException($"Worker {_name} exited ({_process.ExitCode}) before {what}.");
            if (clock.Elapsed > timeout) throw new TimeoutException($"Worker {_name} did not log {what} within {timeout.TotalSeconds:F0} s.");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(cancel.Token);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        _lines.Enqueue(line);
        try
        {
            _output.WriteLine($"[{_name}] {line}");
        }
        catch (InvalidOperationException)
        {
            // The test has ended.
        }
    }
}
