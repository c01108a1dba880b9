namespace NasServerless.Cli.Tests.Support;

/// <summary>
/// nas-cli in process, the way Program.cs runs it (<see cref="CliCommands.RunAsync"/>), with Console output captured.
/// A <see cref="CliException"/> (exit code 2 in Program.cs) propagates to the test.
/// </summary>
public static class NasCli
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        using var console = new ConsoleCapture();
        var code = await CliCommands.RunAsync(args);
        return new CliRun(code, console.Out, console.Error);
    }
}
