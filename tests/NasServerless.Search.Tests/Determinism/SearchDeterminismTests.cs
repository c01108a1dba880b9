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

    /// <summary>
    /// Islands as independent units of work: each island-generation computed on its own, in reverse island
    /// order and from a copy of the state (as a distributed host would), gives the in-process search's answer.
    /// </summary>
    [Fact]
    public void IslandSteps_RunIndependentlyInAnyOrder_SameResultAsInProcessSearch()
    {
        var options = new EvolutionOptions { Islands = 4, PopulationSize = 8, Generations = 10, MigrationInterval = 2, MigrationCount = 1, Seed = 42 };
        var evolution = new IslandEvolution<MacroArchitecture>(Space, options);
        var expected = new InProcessSearch<MacroArchitecture>(evolution).Run(MacroFixture.Evaluator);

        var evaluator = MacroFixture.Evaluator;
        var known = new Dictionary<string, Individual<MacroArchitecture>>();
        Individual<MacroArchitecture> Evaluate(MacroArchitecture g) =>
            known.TryGetValue(Space.Id(g), out var i) ? i : known[Space.Id(g)] = new Individual<MacroArchitecture>(Space.Id(g), g, evaluator.Evaluate(g));

        var islands = new IReadOnlyList<Individual<MacroArchitecture>>[options.Islands];
        foreach (var island in Enumerable.Range(0, options.Islands).Reverse())
            islands[island] = evolution.InitialGenomes(island).Select(Evaluate).ToList();
        var archive = evolution.Archive(known.Values);
        for (var generation = 1; generation <= options.Generations; generation++)
        {
            var snapshot = known.Keys.ToHashSet();
            var offspring = new IReadOnlyList<MacroArchitecture>[options.Islands];
            foreach (var island in Enumerable.Range(0, options.Islands).Reverse())
                offspring[island] = evolution.Breed(islands[island], archive, island, generation, snapshot.Contains);
            foreach (var island in Enumerable.Range(0, options.Islands).Reverse())
                islands[island] = evolution.SelectSurvivors(islands[island], offspring[island].Select(Evaluate).ToList());
            archive = evolution.Archive(archive.Concat(known.Values.Where(i => !snapshot.Contains(i.Id))));
            if (generation % options.MigrationInterval == 0) islands = Migration.Apply(islands, options).ToArray();
        }

        var front = ParetoFront.Of(known.Values, options.SizeObjective);
        Assert.Equal(expected.Front.Select(i => i.Id), front.Select(i => i.Id));
        Assert.Equal(expected.Islands.Select(p => p.Select(i => i.Id).Order()), islands.Select(p => p.Select(i => i.Id).Order()));
    }
}
