using NasServerless.Search.Spaces.NasBenchMacro;

namespace NasServerless.Search.Tests.Support;

/// <summary>The real NAS-Bench-Macro table, loaded once per test run.</summary>
public static class MacroFixture
{
    private static readonly Lazy<NasBenchMacroTable> LazyTable = new(() => NasBenchMacroTable.Load(TestData.NasBenchMacroPath));

    public static NasBenchMacroTable Table => LazyTable.Value;

    public static NasBenchMacroEvaluator Evaluator => new(Table);
}
