using NasServerless.Search.Evaluation;
using NasServerless.Search.Evolution;
using NasServerless.Search.Randomness;
using NasServerless.Search.Spaces.NasBenchMacro;

// Not ".Evolution": that would shadow NasServerless.Search.Evolution for sibling test namespaces that write "Evolution.Individual".
namespace NasServerless.Search.Tests.EvolutionSteps;

public class ArchiveTests
{
    private static readonly NasBenchMacroSpace Space = new();

    private static IslandEvolution<MacroArchitecture> Evolution(int fronts = 2) => new(Space, new EvolutionOptions { ArchiveFronts = fronts });

    private static Individual<MacroArchitecture> Member(string key, double accuracy, long parameters, bool failed = false) =>
        new(key, new MacroArchitecture(key), new Evaluation.Evaluation(accuracy, parameters, parameters * 10, failed));

    // Front 0: a (small, poor), b, c (large, good). Front 1: d (dominated by b only), e (dominated by c only). Front 2: f (dominated by d).
    private static readonly Individual<MacroArchitecture>[] Layers =
    [
        Member("00000002", 0.60, 500),  // f
        Member("00000000", 0.50, 100),  // a
        Member("00000011", 0.85, 400),  // e
        Member("00000001", 0.80, 200),  // b
        Member("00000012", 0.70, 300),  // d
        Member("00000010", 0.90, 300),  // c
    ];

    [Fact]
    public void Archive_OneFront_KeepsOnlyNonDominatedInSizeOrder() =>
        Assert.Equal(["00000000", "00000001", "00000010"], Evolution(fronts: 1).Archive(Layers).Select(i => i.Id));

    [Fact]
    public void Archive_TwoFronts_KeepsSecondFrontTooInSizeThenAccuracyOrder() =>
        Assert.Equal(["00000000", "00000001", "00000010", "00000012", "00000011"], Evolution(fronts: 2).Archive(Layers).Select(i => i.Id));

    [Fact]
    public void Archive_FailedAndRepeatedIds_FailedNeverAndEachIdOnce()
    {
        var failedTiny = Member("00000020", 0.99, 1, failed: true);

        var archive = Evolution(fronts: 1).Archive([.. Layers, failedTiny, Layers[1], Layers[1]]);

        Assert.Equal(["00000000", "00000001", "00000010"], archive.Select(i => i.Id));
        Assert.Empty(Evolution().Archive([failedTiny]));
        Assert.Empty(Evolution().Archive([]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Archive_UpdatedBatchByBatchInAnyOrder_SameAsFromAllEvaluations(int fronts)
    {
        var evolution = Evolution(fronts);
        for (var seed = 0; seed < 50; seed++)
        {
            var rng = new DeterministicRandom((ulong)seed);
            // Coarse objective values so that ties (equal accuracy or size, identical vectors) are common.
            var all = Enumerable.Range(0, 120)
                .Select(i => Member(Key(i), rng.NextInt(20) / 20.0, 100 * (1 + rng.NextInt(15)), failed: rng.Chance(0.05)))
                .ToList();

            var incremental = (IReadOnlyList<Individual<MacroArchitecture>>)[];
            foreach (var batch in all.Chunk(1 + rng.NextInt(25))) incremental = evolution.Archive(incremental.Concat(batch));
            var shuffled = all.ToList();
            rng.Shuffle(shuffled);

            var expected = evolution.Archive(all).Select(i => i.Id).ToList();
            Assert.Equal(expected, incremental.Select(i => i.Id));
            Assert.Equal(expected, evolution.Archive(shuffled).Select(i => i.Id));
        }
    }

    private static string Key(int i)
    {
        var digits = new char[MacroArchitecture.Positions];
        for (var p = digits.Length - 1; p >= 0; p--, i /= 3) digits[p] = (char)('0' + i % 3);
        return new string(digits);
    }
}
