using NasServerless.Search.Evolution;
using NasServerless.Search.Spaces.NasBenchMacro;
using NasServerless.Search.Tests.Support;

// Not ".Evolution": that would shadow NasServerless.Search.Evolution for sibling test namespaces that write "Evolution.Individual".
namespace NasServerless.Search.Tests.EvolutionSteps;

public class BreedTests
{
    private static readonly NasBenchMacroSpace Space = new();

    private static Individual<MacroArchitecture> Evaluated(string key) =>
        new(key, new MacroArchitecture(key), MacroFixture.Evaluator.Evaluate(new MacroArchitecture(key)));

    private static readonly Individual<MacroArchitecture>[] Population =
        new[] { "01201100", "22212220", "00000000", "11111111", "20120120", "02102101" }.Select(Evaluated).ToArray();

    private static readonly Individual<MacroArchitecture>[] Elite = new[] { "21110000", "22212000" }.Select(Evaluated).ToArray();

    [Fact]
    public void Breed_ArchiveChildrenOnly_EachChildOneGeneFromAnArchiveMember()
    {
        var evolution = new IslandEvolution<MacroArchitecture>(Space, new EvolutionOptions { PopulationSize = 6, OffspringPerGeneration = 20, ArchiveChildProbability = 1 });

        var children = evolution.Breed(Population, Elite, island: 0, generation: 1, isKnown: _ => false);

        Assert.Equal(20, children.Count);
        Assert.All(children, c => Assert.Contains(Elite, e => Space.Distance(e.Genome, c) == 1));
        Assert.Equal(20, children.Distinct().Count());
    }

    [Fact]
    public void Breed_NoArchiveChildrenNoCrossover_EachChildOneGeneFromAPopulationMember()
    {
        var evolution = new IslandEvolution<MacroArchitecture>(Space, new EvolutionOptions { PopulationSize = 6, ArchiveChildProbability = 0, CrossoverProbability = 0 });

        var children = evolution.Breed(Population, Elite, island: 0, generation: 1, isKnown: _ => false);

        Assert.All(children, c => Assert.Contains(Population, p => Space.Distance(p.Genome, c) == 1));
    }

    [Fact]
    public void Breed_SameInputs_SameOffspring()
    {
        var evolution = new IslandEvolution<MacroArchitecture>(Space, new EvolutionOptions { PopulationSize = 6, Seed = 9 });
        var known = Population.Concat(Elite).Select(i => i.Id).ToHashSet();

        var first = evolution.Breed(Population, Elite, island: 2, generation: 5, known.Contains);
        var second = evolution.Breed(Population, Elite, island: 2, generation: 5, known.Contains);

        Assert.Equal(first, second);
        Assert.NotEqual(first, evolution.Breed(Population, Elite, island: 2, generation: 6, known.Contains));
    }

    /// <summary>
    /// One archive member's neighbourhood is wholly evaluated: retrying mutations of it can only give known
    /// architectures, so a child bred from it is a wasted (free) revisit unless new parents are drawn.
    /// </summary>
    [Fact]
    public void Breed_ParentNeighbourhoodAllKnown_ChildBredFromNewParents()
    {
        var exhausted = Elite[0].Genome;
        var known = Neighbours(exhausted).Append(exhausted).Append(Elite[1].Genome).Select(Space.Id).ToHashSet();
        var options = new EvolutionOptions { PopulationSize = 6, OffspringPerGeneration = 10, ArchiveChildProbability = 1, ArchiveTournamentSize = 1, DuplicateRetries = 200, Seed = 4 };

        var redrawing = new IslandEvolution<MacroArchitecture>(Space, options).Breed(Population, Elite, 0, 1, known.Contains);
        var stubborn = new IslandEvolution<MacroArchitecture>(Space, options with { DuplicateRetriesPerParents = 10_000 }).Breed(Population, Elite, 0, 1, known.Contains);

        Assert.All(redrawing, c => Assert.DoesNotContain(Space.Id(c), known));
        Assert.All(redrawing, c => Assert.Equal(1, Space.Distance(Elite[1].Genome, c)));
        Assert.Contains(stubborn, c => known.Contains(Space.Id(c)));
    }

    [Fact]
    public void Breed_WithoutArchive_PopulationFrontsStandIn()
    {
        var evolution = new IslandEvolution<MacroArchitecture>(Space, new EvolutionOptions { PopulationSize = 6, Seed = 3 });

        Assert.Equal(
            evolution.Breed(Population, evolution.Archive(Population), 0, 1, _ => false),
            evolution.Breed(Population, 0, 1, _ => false));
    }

    [Fact]
    public void InitialGenomes_IncludeMinimalGenome_FirstIsMinimalAndAllDistinct()
    {
        var evolution = new IslandEvolution<MacroArchitecture>(Space, new EvolutionOptions { PopulationSize = 20, Seed = 6, IncludeMinimalGenome = true });

        foreach (var island in Enumerable.Range(0, 3))
        {
            var genomes = evolution.InitialGenomes(island);
            Assert.Equal(Space.Minimal(), genomes[0]);
            Assert.Equal(20, genomes.Distinct().Count());
        }
    }

    [Fact]
    public void InitialGenomes_WithoutMinimalGenome_AllMutatedFromIt()
    {
        var evolution = new IslandEvolution<MacroArchitecture>(Space, new EvolutionOptions { PopulationSize = 20, Seed = 6, IncludeMinimalGenome = false });

        var genomes = evolution.InitialGenomes(0);

        Assert.Equal(20, genomes.Distinct().Count());
        Assert.DoesNotContain(Space.Minimal(), genomes);
    }

    [Theory]
    [InlineData(nameof(EvolutionOptions.ArchiveChildProbability))]
    [InlineData(nameof(EvolutionOptions.ArchiveFronts))]
    [InlineData(nameof(EvolutionOptions.ArchiveTournamentSize))]
    [InlineData(nameof(EvolutionOptions.DuplicateRetriesPerParents))]
    public void Options_NewSettingOutOfRange_ValidateNamesIt(string setting)
    {
        var invalid = setting switch
        {
            nameof(EvolutionOptions.ArchiveChildProbability) => new EvolutionOptions { ArchiveChildProbability = 1.5 },
            nameof(EvolutionOptions.ArchiveFronts) => new EvolutionOptions { ArchiveFronts = 0 },
            nameof(EvolutionOptions.ArchiveTournamentSize) => new EvolutionOptions { ArchiveTournamentSize = 0 },
            _ => new EvolutionOptions { DuplicateRetriesPerParents = 0 },
        };

        Assert.Empty(new EvolutionOptions().Validate());
        var error = Assert.Single(invalid.Validate());
        Assert.StartsWith(setting + ":", error);
    }

    private static IEnumerable<MacroArchitecture> Neighbours(MacroArchitecture genome) =>
        from position in Enumerable.Range(0, MacroArchitecture.Positions)
        from choice in Enumerable.Range(0, MacroArchitecture.Choices)
        where choice != genome[position]
        select genome.With(position, choice);
}
