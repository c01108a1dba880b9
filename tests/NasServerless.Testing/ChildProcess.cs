using System.Collections.Concurrent;
using System.Diagnostics;

namespace NasServerless.Testing;

/// <summary>
/// A child process of a test (Azurite, the host, a trainer worker): its output goes line by line to a
/// <see cref="TestLog"/> and is kept for assertions; disposing kills it (SIGKILL, by PID) if it still runs.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TestLog _log;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _standardOutput = new();
    private readonly ConcurrentQueue<string> _standardError = new();
    private int? _exitCode;

    private ChildProcess(Process process, string name, TestLog log)
    {
        _process = process;
        Name = name;
        _log = log;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Every line, of both streams, in arrival order.</summary>
    public IEnumerable<string> Lines => _lines;

    /// <summary>The lines of stdout alone (for checks of which stream a message goes to).</summary>
    public IEnumerable<string> StandardOutput => _standardOutput;

    public IEnumerable<string> StandardError => _standardError;

    /// <summary>The exit code, once <see cref="WaitForExitAsync"/> has seen the exit (still readable after disposal).</summary>
    public int ExitCode => _exitCode ?? throw new InvalidOperationException($"{Name} has not been waited for.");

    /// <param name="environment">Variables to set; a null value removes the variable.</param>
    public static ChildProcess Start(string name, string fileName, IEnumerable<string> arguments, TestLog log, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) start.Environment.Remove(key);
            else start.Environment[key] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var child = new ChildProcess(process, name, log);
        process.OutputDataReceived += (_, e) => child.Append(child._standardOutput, e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(child._standardError, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        log.Write($"{DateTime.Now:HH:mm:ss.fff} [test] started {name} (pid {process.Id}): {fileName} {string.Join(' ', start.ArgumentList)}");
        return child;
    }

    /// <summary>The <c>dotnet</c> that runs the tests (DOTNET_HOST_PATH), else the one on PATH.</summary>
    public static string DotnetHost
    {
        get
        {
            var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            return string.IsNullOrEmpty(host) || !File.Exists(host) ? "dotnet" : host;
        }
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
            throw new TimeoutException($"{Name} (pid {_process.Id}) did not exit within {timeout.TotalSeconds:F0} s:\n{Tail()}");
        }
        _exitCode = _process.ExitCode;
        return _exitCode.Value;
    }

    /// <summary>SIGTERM alone (what Kubernetes sends first); the caller waits for the exit and its code.</summary>
    public void Terminate()
    {
        if (_process.HasExited) throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before SIGTERM:\n{Tail()}");
        ChildProcesses.Terminate(_process);
        _log.Write($"{DateTime.Now:HH:mm:ss.fff} [test] sent SIGTERM to {Name} (pid {_process.Id})");
    }

    public string Tail(int lines = 40) => string.Join('\n', _lines.TakeLast(lines));

    /// <summary>SIGKILL, no cleanup (what a node failure or OOM kill does), then waits for the exit (bounded).</summary>
    public async Task KillAsync()
    {
        try
        {
            if (_process.HasExited) return;
            _process.Kill(entireProcessTree: true);
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(cancel.Token);
            _log.Write($"{DateTime.Now:HH:mm:ss.fff} [test] killed {Name} (pid {_process.Id})");
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            // Already reaped, or the kernel is slow to reap: nothing more a test can do.
        }
    }

    /// <summary>SIGTERM, then SIGKILL if it has not exited within <paramref name="grace"/> (see <see cref="ChildProcesses.StopAsync"/>).</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited) return;
        await ChildProcesses.StopAsync(_process, grace);
        _log.Write($"{DateTime.Now:HH:mm:ss.fff} [test] stopped {Name} (pid {_process.Id})");
    }

    public async Task WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!_lines.Any(match))
        {
            if (_process.HasExited)
            {
                await WaitForExitAsync(TimeSpan.FromSeconds(10)); // the last lines may still be on their way
                if (_lines.Any(match)) return;
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before {what}:\n{Tail()}");
            }
            if (clock.Elapsed > timeout) throw new TimeoutException($"{Name} did not log {what} within {timeout.TotalSeconds:F0} s:\n{Tail()}");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Append(ConcurrentQueue<string> stream, string? line)
    {
        if (line is null) return;
        stream.Enqueue(line);
        _lines.Enqueue(line);
        _log.Write($"[{Name}] {line}");
    }
}
