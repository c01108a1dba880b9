using System.Text.Json;
using NasServerless.Search.Evolution;
using NasServerless.Search.Spaces.NasBenchMacro;
using NasServerless.Search.Tests.Support;

namespace NasServerless.Search.Tests.Determinism;

public class SearchDeterminismTests
{
    private static readonly NasBenchMacroSpace Space = new();

    private static SearchRun<MacroArchitecture> Run(EvolutionOptions options) =>
        new InProcessSearch<MacroArchitecture>(new IslandEvolution<MacroArchitecture>(Space, options)).Run(MacroFixture.Evaluator);

    private static string FrontJson(SearchRun<MacroArchitecture> run) =>
        JsonSerializer.Serialize(run.Front.Select(i => new { i.Id, i.Evaluation.Accuracy, i.Evaluation.Parameters }));

    [Fact]
    public void Run_SameSeed_ByteIdenticalFrontAndHistory()
    {
        var options = new EvolutionOptions { Islands = 4, PopulationSize = 5, EvaluationBudget = 200, Generations = 1_000, Seed = 17 };

        var first = Run(options);
        var second = Run(options);

        Assert.Equal(FrontJson(first), FrontJson(second));
        Assert.Equal(first.Evaluations.Select(e => e.Id), second.Evaluations.Select(e => e.Id));
        Assert.Equal(200, first.Evaluations.Count);
    }

    [Fact]
    public void Run_DifferentSeed_DifferentSearch()
    {
        var options = new EvolutionOptions { EvaluationBudget = 100, Generations = 1_000 };

        Assert.NotEqual(Run(options with { Seed = 1 }).Evaluations.Select(e => e.Id), Run(options with { Seed = 2 }).Evaluations.Select(e => e.Id));
    }

    [Fact]
    public void Run_Budget_NoArchitectureEvaluatedTwice()
    {
        var run = Run(new EvolutionOptions { PopulationSize = 10, EvaluationBudget = 400, Generations = 10_000, Seed = 3 });

        Assert.Equal(400, run.Evaluations.Count);
        Assert.Equal(run.Evaluations.Count, run.Evaluations.Select(e => e.Id).Distinct().Count());
    }
}
