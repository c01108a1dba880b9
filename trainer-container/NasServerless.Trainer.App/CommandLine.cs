namespace NasServerless.Trainer.App;

internal static class CommandLine
{
    /// <summary>Prints the message to stderr and returns the exit code for a usage error.</summary>
    public static int Usage(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
