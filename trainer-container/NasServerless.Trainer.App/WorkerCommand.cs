namespace NasServerless.Trainer.App;

internal static class WorkerCommand
{
    public static Task<int> RunAsync(string[] args) => Task.FromResult(CommandLine.Usage("worker: not implemented yet"));
}
