using System.Diagnostics;
using System.Runtime.InteropServices;

namespace NasServerless.Testing;

/// <summary>Signals for child processes, always by PID.</summary>
public static partial class ChildProcesses
{
    private const int SigTerm = 15;

    /// <summary>Sends SIGTERM (what Kubernetes sends a pod) to the process.</summary>
    public static void Terminate(Process process)
    {
        if (kill(process.Id, SigTerm) != 0) throw new InvalidOperationException($"kill({process.Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>SIGKILL: no checkpoint, no release, no cleanup.</summary>
    public static void KillHard(Process process) => process.Kill(entireProcessTree: false);

    /// <summary>SIGTERM, then SIGKILL if it has not exited within <paramref name="grace"/>.</summary>
    public static async Task StopAsync(Process process, TimeSpan grace)
    {
        try
        {
            if (process.HasExited) return;
            kill(process.Id, SigTerm);
            using var timeout = new CancellationTokenSource(grace);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
                return;
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
            using var killed = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(killed.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            // Not started, already reaped, or the kernel is slow to reap: nothing more a test can do.
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
