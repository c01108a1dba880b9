using NasServerless.Search.Spaces.NasBenchMacro;
using NasServerless.Search.Tests.Support;

namespace NasServerless.Search.Tests.Spaces;

/// <summary>Checks the loader against the real table (facts from shared/benchmarks/nas-bench-macro/README.md) and against broken files.</summary>
public sealed class NasBenchMacroTableTests : IDisposable
{
    private static readonly Lazy<NasBenchMacroTable> Real = new(() => NasBenchMacroTable.Load(TestData.NasBenchMacroPath));

    private readonly string _folder = Directory.CreateTempSubdirectory("nas-bench-macro-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Load_RealTable_HasAll6561Architectures()
    {
        var table = Real.Value;

        Assert.Equal(6561, table.Count);
        Assert.Equal(6561, table.Entries.Count);
        Assert.Equal("00000000", table.Entries[0].Architecture);
        Assert.Equal("22222222", table.Entries[^1].Architecture);
        Assert.True(table.Entries.Select(e => e.Architecture).SequenceEqual(table.Entries.Select(e => e.Architecture).Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void Load_RealTable_ParameterRangeAsDocumented()
    {
        var table = Real.Value;

        Assert.Equal(387_882, table.Entries.Min(e => e.Parameters));
        Assert.Equal(2_932_586, table.Entries.Max(e => e.Parameters));
        Assert.Equal(2_932_586, table.MaxParameters);
    }

    [Fact]
    public void Get_DocumentedExample_MatchesTheFile()
    {
        var entry = Real.Value.Get("02012100");

        Assert.Equal(89.197, entry.MeanAccuracy, 3);
        Assert.Equal(890_666, entry.Parameters);
        Assert.Equal(47_327_744, entry.Flops);
    }

    [Fact]
    public void Load_RealTable_BestIs22212220At93_127Percent()
    {
        var table = Real.Value;
        var best = table.Get("22212220");

        Assert.Equal(93.127, best.MeanAccuracy, 3);
        Assert.Equal(1_985_514, best.Parameters);
        Assert.Equal(best.MeanAccuracy, table.Entries.Max(e => e.MeanAccuracy));
    }

    [Fact]
    public void ExactParetoFront_RealTable_39ArchitecturesFrom00000000To22212220()
    {
        var front = Real.Value.ExactParetoFront();

        Assert.Equal(39, front.Count);
        Assert.Equal("00000000", front[0].Architecture);
        Assert.Equal(45.363, front[0].MeanAccuracy, 3);
        Assert.Equal(387_882, front[0].Parameters);
        Assert.Equal("22212220", front[^1].Architecture);
        for (var i = 1; i < front.Count; i++)
        {
            Assert.True(front[i].Parameters > front[i - 1].Parameters, $"front not sorted by parameters at {i}");
            Assert.True(front[i].MeanAccuracy > front[i - 1].MeanAccuracy, $"front accuracy not increasing at {i}");
        }
    }

    [Fact]
    public void ExactParetoFront_RealTable_NoEntryDominatesAFrontMember()
    {
        var table = Real.Value;
        foreach (var member in table.ExactParetoFront())
        {
            Assert.DoesNotContain(table.Entries, e =>
                e.MeanAccuracy >= member.MeanAccuracy && e.Parameters <= member.Parameters &&
                (e.MeanAccuracy > member.MeanAccuracy || e.Parameters < member.Parameters));
        }
    }

    [Fact]
    public void Get_UnknownArchitecture_ThrowsKeyNotFoundNamingIt()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => Real.Value.Get("0120"));
        Assert.Contains("'0120'", error.Message);
        Assert.False(Real.Value.TryGet("33333333", out _));
        Assert.True(Real.Value.TryGet("11111111", out var entry));
        Assert.Equal("11111111", entry.Architecture);
    }

    [Fact]
    public void Load_MissingFile_ThrowsNamingPathAndConfiguration()
    {
        var path = Path.Combine(_folder, "absent.json");

        var error = Assert.Throws<NasBenchMacroTableException>(() => NasBenchMacroTable.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("missing", error.Message);
        Assert.Contains(NasBenchMacroTable.PathConfigurationKey, error.Message);
    }

    [Fact]
    public void Load_TruncatedJson_ThrowsNotValidJson()
    {
        var path = Write("truncated.json", File.ReadAllText(TestData.NasBenchMacroPath)[..5000]);

        var error = Assert.Throws<NasBenchMacroTableException>(() => NasBenchMacroTable.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("not valid JSON", error.Message);
    }

    [Theory]
    [InlineData("0120")]
    [InlineData("01201203")]
    [InlineData("012012001")]
    [InlineData("abcdefgh")]
    public void Load_BadKey_ThrowsNamingTheKey(string key)
    {
        var path = Write("bad-key.json", Table(entries => entries[key] = Entry(90.0, 1000, 2000)));

        var error = Assert.Throws<NasBenchMacroTableException>(() => NasBenchMacroTable.Load(path));

        Assert.Contains($"key '{key}'", error.Message);
    }

    [Theory]
    [InlineData("mean_acc")]
    [InlineData("params")]
    [InlineData("flops")]
    public void Load_MissingField_ThrowsNamingKeyAndField(string field)
    {
        var path = Write("missing-field.json", Table(entries => entries["12012012"] = Entry(90.0, 1000, 2000).Replace($"\"{field}\"", "\"other\"")));

        var error = Assert.Throws<NasBenchMacroTableException>(() => NasBenchMacroTable.Load(path));

        Assert.Contains("'12012012'", error.Message);
        Assert.Contains($"'{field}'", error.Message);
    }

    [Fact]
    public void Load_WrongFieldType_ThrowsNamingKeyAndField()
    {
        var path = Write("wrong-type.json", Table(entries => entries["00000002"] = "{\"mean_acc\": \"high\", \"params\": 1, \"flops\": 1}"));

        var error = Assert.Throws<NasBenchMacroTableException>(() => NasBenchMacroTable.Load(path));

        Assert.Contains("'00000002'", error.Message);
        Assert.Contains("'mean_acc'", error.Message);
    }

    [Fact]
    public void Load_MissingEntry_ThrowsWithCountAndMissingKey()
    {
        var path = Write("short.json", Table(entries => entries.Remove("21012101")));

        var error = Assert.Throws<NasBenchMacroTableException>(() => NasBenchMacroTable.Load(path));

        Assert.Contains("6560 entries", error.Message);
        Assert.Contains("'21012101'", error.Message);
    }

    [Fact]
    public void Load_DuplicateKey_ThrowsNamingTheKey()
    {
        var json = Table(_ => { });
        var path = Write("duplicate.json", json.Insert(1, $"\"10101010\": {Entry(1, 1, 1)}, "));

        var error = Assert.Throws<NasBenchMacroTableException>(() => NasBenchMacroTable.Load(path));

        Assert.Contains("'10101010'", error.Message);
    }

    [Fact]
    public void Load_RootNotAnObject_Throws()
    {
        var path = Write("array.json", "[]");
        Assert.Throws<NasBenchMacroTableException>(() => NasBenchMacroTable.Load(path));
    }

    [Fact]
    public void Load_SyntheticCompleteTable_Loads()
    {
        var table = NasBenchMacroTable.Load(Write("complete.json", Table(_ => { })));

        Assert.Equal(6561, table.Count);
        Assert.Equal("00000000", Assert.Single(table.ExactParetoFront()).Architecture); // same accuracy everywhere: the cheapest wins
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>A complete synthetic table (same accuracy, parameters growing with the index), edited by <paramref name="edit"/>.</summary>
    private static string Table(Action<Dictionary<string, string>> edit)
    {
        var entries = new Dictionary<string, string>();
        for (var code = 0; code < 6561; code++)
        {
            var key = string.Concat(Enumerable.Range(0, 8).Select(p => (char)('0' + code / (int)Math.Pow(3, 7 - p) % 3)));
            entries[key] = Entry(80.0, 400_000 + code, 8_000_000 + code);
        }
        edit(entries);
        return "{" + string.Join(", ", entries.Select(kv => $"\"{kv.Key}\": {kv.Value}")) + "}";
    }

    private static string Entry(double meanAccuracy, long parameters, long flops) =>
        $"{{\"test_acc\": [{meanAccuracy}, {meanAccuracy}, {meanAccuracy}], \"mean_acc\": {meanAccuracy}, \"std\": 0.0, \"params\": {parameters}, \"flops\": {flops}}}";
}
