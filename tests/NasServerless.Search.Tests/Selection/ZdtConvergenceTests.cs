using NasServerless.Search.Randomness;
using NasServerless.Search.Selection;
using NasServerless.Search.Tests.Support;
using Xunit.Abstractions;

namespace NasServerless.Search.Tests.Selection;

/// <summary>
/// End-to-end check of the NSGA-II primitives on the ZDT benchmarks (as in Deb et al. 2002): a plain generational
/// loop must reach at least 98 % of the hypervolume of the exact front.
/// </summary>
public class ZdtConvergenceTests(ITestOutputHelper output)
{
    private const int PopulationSize = 100;
    private const int Generations = 250;
    private const double RequiredRatio = 0.98;
    private static readonly (double X, double Y) Reference = (1.1, 1.1);
    private static readonly ObjectiveDirection[] MinimiseBoth = [ObjectiveDirection.Minimize, ObjectiveDirection.Minimize];

    public static TheoryData<string> Problems => ["ZDT1", "ZDT2", "ZDT3"];

    [Theory]
    [MemberData(nameof(Problems))]
    public void Nsga2_ZdtProblem_ReachesNinetyEightPercentOfExactHypervolume(string name)
    {
        var problem = name switch
        {
            "ZDT1" => ZdtProblem.Zdt1,
            "ZDT2" => ZdtProblem.Zdt2,
            _ => ZdtProblem.Zdt3,
        };

        var final = Run(problem, seed: 2002);

        var found = Hypervolume.NonDominated2D(final);
        var achieved = Hypervolume.Compute2D(found, Reference);
        var exact = Hypervolume.Compute2D(problem.ExactFront(100_000), Reference);
        var ratio = achieved / exact;
        output.WriteLine($"{problem}: hypervolume {achieved:F6} of exact {exact:F6} = {ratio:P3} ({found.Count} non-dominated points)");
        Assert.True(ratio >= RequiredRatio, $"{problem}: hypervolume ratio {ratio:F4} < {RequiredRatio}");
    }

    [Fact]
    public void Nsga2_SameSeed_SameFinalPopulation()
    {
        Assert.Equal(Run(ZdtProblem.Zdt1, seed: 5, generations: 10), Run(ZdtProblem.Zdt1, seed: 5, generations: 10));
    }

    /// <summary>Generational NSGA-II: tournament on the ranking, SBX + polynomial mutation, (μ+λ) survivor selection.</summary>
    private static (double X, double Y)[] Run(ZdtProblem problem, long seed, int generations = Generations)
    {
        var crossover = new SimulatedBinaryCrossover(eta: 15, probability: 0.9);
        var mutation = new PolynomialMutation(eta: 20, probability: 1.0 / problem.Variables);

        var init = DeterministicRandom.For(seed, island: 0, generation: 0, purpose: "init");
        var genomes = Enumerable.Range(0, PopulationSize)
            .Select(_ => Enumerable.Range(0, problem.Variables).Select(_ => init.NextDouble()).ToArray())
            .ToList();
        var objectives = genomes.Select(g => Objectives(problem, g)).ToList();

        for (var generation = 1; generation <= generations; generation++)
        {
            var rng = DeterministicRandom.For(seed, island: 0, generation, purpose: "breed");
            var ranking = Nsga2.Rank(objectives, MinimiseBoth);
            var parents = Nsga2.SelectParents(ranking, PopulationSize, rng);

            var offspring = new List<double[]>(PopulationSize);
            for (var k = 0; k + 1 < parents.Length; k += 2)
            {
                var (first, second) = crossover.Cross(genomes[parents[k]], genomes[parents[k + 1]], rng);
                mutation.Mutate(first, rng);
                mutation.Mutate(second, rng);
                offspring.Add(first);
                offspring.Add(second);
            }

            var combined = genomes.Concat(offspring).ToList();
            var combinedObjectives = objectives.Concat(offspring.Select(g => Objectives(problem, g))).ToList();
            var survivors = Nsga2.SelectSurvivors(combinedObjectives, MinimiseBoth, PopulationSize);
            genomes = survivors.Select(i => combined[i]).ToList();
            objectives = survivors.Select(i => combinedObjectives[i]).ToList();
        }
        return objectives.Select(o => (o[0], o[1])).ToArray();
    }

    private static IReadOnlyList<double> Objectives(ZdtProblem problem, double[] genome)
    {
        var (f1, f2) = problem.Evaluate(genome);
        return [f1, f2];
    }
}
