namespace NasServerless.Cli.Tests.Support;

/// <summary>What is written to Console.Out and Console.Error until disposed; then the previous writers are back.</summary>
public sealed class ConsoleCapture : IDisposable
{
    private readonly TextWriter _previousOut = Console.Out;
    private readonly TextWriter _previousError = Console.Error;
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    public ConsoleCapture()
    {
        Console.SetOut(_out);
        Console.SetError(_error);
    }

    public string Out => _out.ToString();

    public string Error => _error.ToString();

    public void Dispose()
    {
        Console.SetOut(_previousOut);
        Console.SetError(_previousError);
    }
}
