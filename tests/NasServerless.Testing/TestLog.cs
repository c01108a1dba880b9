using System.Collections.Concurrent;
using Xunit.Abstractions;

namespace NasServerless.Testing;

/// <summary>
/// Where logs of long-lived things (Azurite, a host process, a worker) go: the output of the test that is running
/// now (fixtures outlive tests, so each test attaches its own <see cref="ITestOutputHelper"/>), and the last lines
/// kept for failure messages.
/// </summary>
public sealed class TestLog
{
    private const int Kept = 400;
    private readonly ConcurrentQueue<string> _recent = new();
    private ITestOutputHelper? _output;

    /// <summary>Sends lines to <paramref name="output"/> until the returned handle is disposed.</summary>
    public IDisposable Attach(ITestOutputHelper output)
    {
        _output = output;
        return new Detach(this, output);
    }

    public void Write(string line)
    {
        _recent.Enqueue(line);
        while (_recent.Count > Kept) _recent.TryDequeue(out _);
        var output = _output;
        if (output is null) return;
        try
        {
            output.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The test has ended; the line is still kept.
        }
    }

    /// <summary>The last lines, for an exception message.</summary>
    public string Tail(int lines = 60) => string.Join('\n', _recent.TakeLast(lines));

    private sealed class Detach(TestLog log, ITestOutputHelper output) : IDisposable
    {
        public void Dispose() => Interlocked.CompareExchange(ref log._output, null, output);
    }
}
