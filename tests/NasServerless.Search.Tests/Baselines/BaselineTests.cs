using NasServerless.Search.Baselines;
using NasServerless.Search.Spaces.NasBenchMacro;
using NasServerless.Search.Tests.Support;

namespace NasServerless.Search.Tests.Baselines;

public class BaselineTests
{
    private static readonly NasBenchMacroSpace Space = new();

    [Fact]
    public void RandomSearch_Budget_SpendsExactlyBudgetOnDistinctArchitectures()
    {
        var run = new RandomSearch<MacroArchitecture>(Space, 1000, seed: 5).Run(MacroFixture.Evaluator, 150);

        Assert.Equal(150, run.Evaluations.Count);
        Assert.Equal(150, run.Evaluations.Select(e => e.Id).Distinct().Count());
        Assert.NotEmpty(run.Front);
    }

    [Fact]
    public void RegularizedEvolution_Budget_DistinctEvaluationsAndImprovesOverItsStart()
    {
        var run = new RegularizedEvolution<MacroArchitecture>(Space, 20, 5, 1000, seed: 5).Run(MacroFixture.Evaluator, 300);

        Assert.Equal(300, run.Evaluations.Count);
        Assert.Equal(300, run.Evaluations.Select(e => e.Id).Distinct().Count());
        var initialBest = run.Evaluations.Take(20).Max(e => e.Evaluation.Accuracy);
        Assert.True(run.Evaluations.Max(e => e.Evaluation.Accuracy) > initialBest);
    }

    [Fact]
    public void Baselines_SameSeed_SameEvaluations()
    {
        var a = new RegularizedEvolution<MacroArchitecture>(Space, 20, 5, 1000, seed: 8).Run(MacroFixture.Evaluator, 100);
        var b = new RegularizedEvolution<MacroArchitecture>(Space, 20, 5, 1000, seed: 8).Run(MacroFixture.Evaluator, 100);

        Assert.Equal(a.Evaluations.Select(e => e.Id), b.Evaluations.Select(e => e.Id));
    }

    [Fact]
    public void Quality_ExactFrontEvaluated_RatioIsOneAndEvaluationsCounted()
    {
        var quality = new NasBenchMacroQuality(MacroFixture.Table);
        var evaluator = MacroFixture.Evaluator;
        var history = MacroFixture.Table.ExactParetoFront()
            .Select(e => new Evolution.Individual<MacroArchitecture>(e.Architecture, new MacroArchitecture(e.Architecture), evaluator.Evaluate(new MacroArchitecture(e.Architecture))))
            .ToList();

        Assert.Equal(1.0, quality.HypervolumeRatio(history), 12);
        Assert.Equal(39, quality.EvaluationsToExactFront(history));
        Assert.Null(quality.EvaluationsToExactFront(history.Skip(1).ToList()));
        Assert.True(quality.HypervolumeRatio(history.Skip(1)) < 1);
    }
}
