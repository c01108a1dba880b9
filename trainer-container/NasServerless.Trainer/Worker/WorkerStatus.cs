namespace NasServerless.Trainer.Worker;

/// <summary>What a worker process has done so far, and the exit code it should end with.</summary>
public sealed class WorkerStatus
{
    private int _messages;
    private int _exitCode;

    /// <summary>Messages taken off the queue and answered (completed, poisoned, released for retry).</summary>
    public int Messages => Volatile.Read(ref _messages);

    /// <summary>0 unless the worker stopped on a fatal error (e.g. storage unreachable at start).</summary>
    public int ExitCode => Volatile.Read(ref _exitCode);

    internal void CountMessage() => Interlocked.Increment(ref _messages);

    internal void Fail() => Volatile.Write(ref _exitCode, 1);
}
