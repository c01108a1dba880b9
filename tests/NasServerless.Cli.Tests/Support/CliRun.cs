namespace NasServerless.Cli.Tests.Support;

/// <summary>What one nas-cli command returned and printed.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
