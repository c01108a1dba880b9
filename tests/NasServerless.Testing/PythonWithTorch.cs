using System.Diagnostics;

namespace NasServerless.Testing;

/// <summary>
/// A Python interpreter that imports <c>torch</c> (Debian's python3-torch, which <c>.ci/run</c> installs): the first of
/// <c>$NAS_PYTHON</c>, <c>python3</c>, <c>/usr/bin/python3</c> that does — the system interpreter may not be the first
/// <c>python3</c> on PATH. A machine without one fails the tests that need it, saying how to get it.
/// </summary>
public static class PythonWithTorch
{
    private static readonly Lazy<string> LazyInterpreter = new(() =>
    {
        string?[] candidates = [Environment.GetEnvironmentVariable("NAS_PYTHON"), "python3", "/usr/bin/python3"];
        foreach (var candidate in candidates.OfType<string>().Where(c => c.Length > 0))
        {
            try
            {
                if (Run(candidate, ["-c", "import torch"], null, TimeSpan.FromSeconds(60)).ExitCode == 0) return candidate;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed under that name.
            }
        }
        throw new InvalidOperationException("No python3 here imports torch: install Debian's python3-torch (apt-get install python3-torch; .ci/run does) or set NAS_PYTHON.");
    });

    public static string Interpreter => LazyInterpreter.Value;

    /// <summary>Runs a script with arguments in <paramref name="workingDirectory"/>; its exit code and both streams.</summary>
    public static (int ExitCode, string Output) RunScript(string script, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout) =>
        Run(Interpreter, ["-c", script, .. arguments], workingDirectory, timeout);

    private static (int ExitCode, string Output) Run(string interpreter, IReadOnlyList<string> arguments, string? workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{interpreter} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{interpreter} did not finish within {timeout.TotalSeconds:F0} s");
        }
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
