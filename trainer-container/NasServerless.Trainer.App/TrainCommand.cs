namespace NasServerless.Trainer.App;

internal static class TrainCommand
{
    public static Task<int> RunAsync(string[] args) => Task.FromResult(CommandLine.Usage("train: not implemented yet"));
}
