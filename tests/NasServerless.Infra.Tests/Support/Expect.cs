namespace NasServerless.Infra.Tests.Support;

/// <summary>Assertions over lists of findings that print every finding in full.</summary>
public static class Expect
{
    public static void None(IEnumerable<string> findings, string what)
    {
        var list = findings.ToList();
        if (list.Count > 0) throw new Xunit.Sdk.XunitException($"{what}:\n  " + string.Join("\n  ", list));
    }
}
