using NasServerless.Search.Randomness;
using NasServerless.Search.Spaces.NasBenchMacro;
using NasServerless.Search.Tests.Support;

namespace NasServerless.Search.Tests.Spaces;

public class NasBenchMacroSpaceTests
{
    private readonly NasBenchMacroSpace _space = new();

    [Fact]
    public void Minimal_IsAllIdentity() => Assert.Equal("00000000", _space.Minimal().Key);

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.125)]
    [InlineData(1.0)]
    public void Mutate_AnyProbability_ChildDiffersAndIsInTheTable(double probability)
    {
        var rng = new DeterministicRandom(2);
        var genome = _space.Minimal();
        for (var i = 0; i < 1_000; i++)
        {
            var child = _space.Mutate(genome, rng, probability);
            Assert.NotEqual(genome, child);
            Assert.True(MacroFixture.Table.TryGet(child.Key, out _));
            if (probability == 0) Assert.Equal(1, _space.Distance(genome, child));
            genome = child;
        }
    }

    [Fact]
    public void Crossover_OnePoint_ChildrenSwapTails()
    {
        var (a, b) = _space.Crossover(new MacroArchitecture("00000000"), new MacroArchitecture("22222222"), new DeterministicRandom(1));

        var cut = a.Key.IndexOf('2');
        Assert.InRange(cut, 1, 7);
        Assert.Equal(new string('0', cut) + new string('2', 8 - cut), a.Key);
        Assert.Equal(new string('2', cut) + new string('0', 8 - cut), b.Key);
    }

    [Fact]
    public void Json_RoundTrip_SameArchitecture()
    {
        var genome = new MacroArchitecture("01201100");
        Assert.Equal("{\"architecture\":\"01201100\"}", _space.ToJson(genome));
        Assert.Equal(genome, _space.Parse(_space.ToJson(genome)));
    }

    [Theory]
    [InlineData("{\"architecture\":\"0120110\"}")]
    [InlineData("{\"architecture\":\"01201103\"}")]
    [InlineData("{\"arch\":\"01201100\"}")]
    [InlineData("[1,2]")]
    [InlineData("{")]
    public void Parse_Malformed_FormatException(string json) => Assert.Throws<FormatException>(() => _space.Parse(json));

    [Fact]
    public void Evaluator_KnownArchitecture_AccuracyAsFraction()
    {
        var evaluation = MacroFixture.Evaluator.Evaluate(new MacroArchitecture("22212220"));

        Assert.Equal(0.93127, evaluation.Accuracy, 5);
        Assert.Equal(1_985_514, evaluation.Parameters);
        Assert.False(evaluation.Failed);
    }
}
