using System.Diagnostics;

namespace NasServerless.Testing;

/// <summary>Bounded polling: every wait in these tests ends, with a message saying what did not happen.</summary>
public static class Wait
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, TimeSpan? interval = null)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"Timed out after {timeout.TotalSeconds:F0} s waiting until {what}.");
            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(100));
        }
    }

    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what, TimeSpan? interval = null) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, what, interval);
}
