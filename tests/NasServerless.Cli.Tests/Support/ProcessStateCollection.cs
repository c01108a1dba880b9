namespace NasServerless.Cli.Tests.Support;

/// <summary>Tests that swap process-wide state (the Console streams, environment variables): they run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessStateCollection
{
    public const string Name = "Process-wide state";
}
