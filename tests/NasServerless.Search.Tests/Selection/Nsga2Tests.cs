using NasServerless.Search.Randomness;
using NasServerless.Search.Selection;

namespace NasServerless.Search.Tests.Selection;

public class Nsga2Tests
{
    private static readonly ObjectiveDirection[] MinimiseBoth = [ObjectiveDirection.Minimize, ObjectiveDirection.Minimize];

    // Front 0 is the five points of CrowdingDistanceTests (crowding inf, 0.9, 1.0, 1.1, inf); 5 and 6 are dominated.
    private static readonly double[][] Population = [[0, 10], [1, 6], [3, 4], [6, 1], [10, 0], [11, 11], [12, 12]];

    [Fact]
    public void Rank_Population_RanksAndCrowdingPerIndex()
    {
        var ranking = Nsga2.Rank(Population, MinimiseBoth);

        Assert.Equal([0, 0, 0, 0, 0, 1, 2], ranking.Rank);
        Assert.Equal(0.9, ranking.Crowding[1], 12);
        Assert.Equal(double.PositiveInfinity, ranking.Crowding[5]);
    }

    [Fact]
    public void SelectSurvivors_WholeFrontsFit_TakesThemBestFirst()
    {
        Assert.Equal([0, 1, 2, 3, 4, 5], Nsga2.SelectSurvivors(Population, MinimiseBoth, 6));
    }

    [Fact]
    public void SelectSurvivors_PartialFront_FillsByDescendingCrowding()
    {
        Assert.Equal([0, 4, 3, 2], Nsga2.SelectSurvivors(Population, MinimiseBoth, 4));
    }

    [Fact]
    public void SelectSurvivors_CrowdingTie_LowerIndexFirst()
    {
        // Front 0 is {0, 1, 2, 5}; 1 and 5 are duplicates with equal crowding (1.0), 0 and 2 are boundaries.
        double[][] objectives = [[1, 5], [2, 3], [3, 1], [2, 4], [4, 4], [2, 3]];

        Assert.Equal([0, 2, 1], Nsga2.SelectSurvivors(objectives, MinimiseBoth, 3));
        Assert.Equal([0, 1, 2, 5, 3], Nsga2.SelectSurvivors(objectives, MinimiseBoth, 5));
    }

    [Fact]
    public void SelectSurvivors_Elitism_NonDominatedNeverLostWhenTheyFit()
    {
        var rng = new DeterministicRandom(11);
        var objectives = Enumerable.Range(0, 200).Select(_ => (IReadOnlyList<double>)[rng.NextDouble(), rng.NextDouble()]).ToArray();
        var first = NonDominatedSorting.Sort(objectives, MinimiseBoth)[0];

        var survivors = Nsga2.SelectSurvivors(objectives, MinimiseBoth, 100);

        Assert.Equal(100, survivors.Distinct().Count());
        Assert.Subset(survivors.ToHashSet(), first.ToHashSet());
    }

    [Fact]
    public void SelectSurvivors_CountAbovePopulation_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Nsga2.SelectSurvivors(Population, MinimiseBoth, 8));
        Assert.Empty(Nsga2.SelectSurvivors(Population, MinimiseBoth, 0));
    }

    [Fact]
    public void BinaryTournament_LowerRank_AlwaysWins()
    {
        var ranking = new Ranking([1, 0], [double.PositiveInfinity, 0.0]);
        var rng = new DeterministicRandom(5);
        for (var i = 0; i < 1000; i++) Assert.Equal(1, Nsga2.BinaryTournament(ranking, rng));
    }

    [Fact]
    public void BinaryTournament_SameRank_LargerCrowdingWins()
    {
        var ranking = new Ranking([0, 0], [2.0, 0.5]);
        var rng = new DeterministicRandom(6);
        for (var i = 0; i < 1000; i++) Assert.Equal(0, Nsga2.BinaryTournament(ranking, rng));
    }

    [Fact]
    public void BinaryTournament_FullTie_FirstDrawnWins()
    {
        var ranking = new Ranking([0, 0, 0], [1.0, 1.0, 1.0]);
        var rng = new DeterministicRandom(7);
        var probe = new DeterministicRandom(7);
        for (var i = 0; i < 100; i++)
        {
            var first = probe.NextInt(3);
            probe.NextInt(2);
            Assert.Equal(first, Nsga2.BinaryTournament(ranking, rng));
        }
    }

    [Fact]
    public void BinaryTournament_SingleIndividual_ReturnsIt()
    {
        Assert.Equal(0, Nsga2.BinaryTournament(new Ranking([3], [0.0]), new DeterministicRandom(1)));
    }

    [Fact]
    public void BinaryTournament_Population_BetterIndividualsWinMoreOften()
    {
        var ranking = Nsga2.Rank(Population, MinimiseBoth);
        var wins = new int[Population.Length];
        var rng = new DeterministicRandom(8);
        for (var i = 0; i < 7000; i++) wins[Nsga2.BinaryTournament(ranking, rng)]++;

        Assert.Equal(0, wins[6]); // the worst loses every tournament it enters
        Assert.True(wins[0] > wins[1] && wins[1] < wins[3] && wins[5] < wins[1], string.Join(",", wins));
    }

    [Fact]
    public void SelectParents_Seeded_SameParentsEveryTime()
    {
        var ranking = Nsga2.Rank(Population, MinimiseBoth);
        var a = Nsga2.SelectParents(ranking, 50, DeterministicRandom.For(1, 0, 4, "parents"));
        var b = Nsga2.SelectParents(ranking, 50, DeterministicRandom.For(1, 0, 4, "parents"));

        Assert.Equal(50, a.Length);
        Assert.Equal(a, b);
        Assert.All(a, i => Assert.InRange(i, 0, 5));
    }

    [Fact]
    public void SelectParents_CountEqualsPopulation_EachIndividualEntersTwoTournaments()
    {
        // A strict order: 0 beats everyone, 5 loses to everyone. Two passes of three tournaments each.
        var ranking = new Ranking([0, 1, 2, 3, 4, 5], [1.0, 1.0, 1.0, 1.0, 1.0, 1.0]);
        for (ulong seed = 0; seed < 50; seed++)
        {
            var parents = Nsga2.SelectParents(ranking, 6, new DeterministicRandom(seed));

            Assert.Equal(2, parents.Count(p => p == 0));
            Assert.DoesNotContain(5, parents);
        }
    }

    [Fact]
    public void SelectParents_OddPopulationManyPasses_NeverPairsAnIndividualWithItself()
    {
        // If an individual could meet itself, the worst (index 2) would sometimes win.
        var ranking = new Ranking([0, 0, 1], [2.0, 1.0, 0.0]);
        var parents = Nsga2.SelectParents(ranking, 1000, new DeterministicRandom(9));

        Assert.DoesNotContain(2, parents);
        Assert.Contains(1, parents);
    }

    [Fact]
    public void SelectParents_TinyPopulations_Handled()
    {
        Assert.Equal([0, 0, 0], Nsga2.SelectParents(new Ranking([0], [0.0]), 3, new DeterministicRandom(1)));
        Assert.Empty(Nsga2.SelectParents(new Ranking([], []), 0, new DeterministicRandom(1)));
        Assert.Throws<ArgumentException>(() => Nsga2.SelectParents(new Ranking([], []), 1, new DeterministicRandom(1)));
    }

    [Fact]
    public void Best_RankThenCrowdingThenIndex_BestFirst()
    {
        var ranking = new Ranking([1, 0, 0, 2, 0], [double.PositiveInfinity, 1.0, double.PositiveInfinity, double.PositiveInfinity, 1.0]);

        Assert.Equal([2, 1, 4], Nsga2.Best(ranking, 3));
        Assert.Equal([2, 1, 4, 0, 3], Nsga2.Best(ranking, 5));
    }

    [Fact]
    public void Worst_ReverseOfBest_WorstFirst()
    {
        var ranking = new Ranking([1, 0, 0, 2, 0], [double.PositiveInfinity, 1.0, double.PositiveInfinity, double.PositiveInfinity, 1.0]);

        Assert.Equal([3, 0], Nsga2.Worst(ranking, 2));
        Assert.Equal([3, 0, 4, 1, 2], Nsga2.Worst(ranking, 5));
    }

    [Fact]
    public void Best_CountAbovePopulation_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Nsga2.Best(new Ranking([0], [0.0]), 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Nsga2.Worst(new Ranking([0], [0.0]), -1));
    }
}
