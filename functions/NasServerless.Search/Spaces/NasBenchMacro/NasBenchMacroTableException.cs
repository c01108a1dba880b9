namespace NasServerless.Search.Spaces.NasBenchMacro;

/// <summary>The NAS-Bench-Macro table file is missing or not the expected benchmark.</summary>
public sealed class NasBenchMacroTableException : Exception
{
    public NasBenchMacroTableException(string message)
        : base(message)
    {
    }

    public NasBenchMacroTableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
