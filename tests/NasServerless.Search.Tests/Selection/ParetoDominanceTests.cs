using NasServerless.Search.Selection;

namespace NasServerless.Search.Tests.Selection;

public class ParetoDominanceTests
{
    private static readonly ObjectiveDirection[] AccuracyUpParametersDown = [ObjectiveDirection.Maximize, ObjectiveDirection.Minimize];

    [Fact]
    public void Dominates_BetterInBothMixedDirections_True()
    {
        Assert.True(ParetoDominance.Dominates([0.9, 100], [0.8, 200], AccuracyUpParametersDown));
    }

    [Fact]
    public void Dominates_EqualInOneBetterInOther_True()
    {
        Assert.True(ParetoDominance.Dominates([0.9, 100], [0.9, 150], AccuracyUpParametersDown));
        Assert.True(ParetoDominance.Dominates([0.95, 100], [0.9, 100], AccuracyUpParametersDown));
    }

    [Fact]
    public void Dominates_TradeOff_NeitherDominates()
    {
        Assert.False(ParetoDominance.Dominates([0.9, 200], [0.8, 100], AccuracyUpParametersDown));
        Assert.False(ParetoDominance.Dominates([0.8, 100], [0.9, 200], AccuracyUpParametersDown));
    }

    [Fact]
    public void Dominates_EqualVectors_False()
    {
        Assert.False(ParetoDominance.Dominates([0.9, 100], [0.9, 100], AccuracyUpParametersDown));
    }

    [Fact]
    public void Dominates_DirectionFlipped_ReversesTheRelation()
    {
        ObjectiveDirection[] minimiseBoth = [ObjectiveDirection.Minimize, ObjectiveDirection.Minimize];
        Assert.False(ParetoDominance.Dominates([0.9, 100], [0.8, 200], minimiseBoth));
        Assert.True(ParetoDominance.Dominates([0.8, 100], [0.9, 200], minimiseBoth));
    }

    [Fact]
    public void Dominates_ThreeObjectives_NeedsEveryObjective()
    {
        ObjectiveDirection[] directions = [ObjectiveDirection.Minimize, ObjectiveDirection.Maximize, ObjectiveDirection.Minimize];
        Assert.True(ParetoDominance.Dominates([1, 10, 5], [2, 8, 6], directions));
        Assert.False(ParetoDominance.Dominates([1, 10, 7], [2, 8, 6], directions));
    }

    [Fact]
    public void Dominates_LengthMismatch_Throws()
    {
        Assert.Throws<ArgumentException>(() => ParetoDominance.Dominates([1, 2, 3], [1, 2], AccuracyUpParametersDown));
    }
}
