using NasServerless.Search.Evolution;
using NasServerless.Search.Randomness;
using NasServerless.Search.Spaces.LayerList;
using static NasServerless.Search.Tests.Spaces.LayerList.Genomes;

namespace NasServerless.Search.Tests.Spaces.LayerList;

public class LayerListSpaceTests
{
    [Fact]
    public void Minimal_DefaultOptions_OneSmallConvolutionThatIsValid()
    {
        var space = Space();
        var minimal = space.Minimal();

        Assert.Equal(Of(Conv(8)), minimal);
        Assert.True(space.Analyze(minimal).IsValid);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.125)]
    [InlineData(1.0)]
    public void Mutate_AnyProbability_ChildIsValidAndDiffers(double probability)
    {
        var space = Space();
        var rng = new DeterministicRandom(5);
        var parent = space.Minimal();
        for (var i = 0; i < 500; i++)
        {
            var child = space.Mutate(parent, rng, probability);
            Assert.True(space.Analyze(child).IsValid, string.Join("; ", space.Analyze(child).Errors));
            Assert.NotEqual(parent, child);
            parent = child;
        }
    }

    [Fact]
    public void Mutate_SameSeed_SameChild()
    {
        var space = Space();
        var a = IslandEvolution<LayerListGenome>.RandomGenome(space, 300, new DeterministicRandom(9));
        var b = IslandEvolution<LayerListGenome>.RandomGenome(space, 300, new DeterministicRandom(9));

        Assert.Equal(space.Id(a), space.Id(b));
    }

    [Fact]
    public void Crossover_TwoParents_ChildrenAreValidAndMixTheirLayers()
    {
        var space = Space(TensorShape.Cifar10);
        var first = Of(Conv(8), Conv(16), new PoolingGene(PoolingKind.Max, 2, 2), new DenseGene(32, Activation.Relu));
        var second = Of(Conv(64, kernel: 5), Inception4, new GlobalAveragePoolingGene(), new DropoutGene(0.3), new DenseGene(128, Activation.Elu));
        var rng = new DeterministicRandom(3);
        var sawMix = false;
        for (var i = 0; i < 200; i++)
        {
            var (a, b) = space.Crossover(first, second, rng);
            Assert.True(space.Analyze(a).IsValid);
            Assert.True(space.Analyze(b).IsValid);
            sawMix |= a.Layers.Intersect(first.Layers).Any() && a.Layers.Intersect(second.Layers).Any();
        }
        Assert.True(sawMix);
    }

    [Fact]
    public void Mutate_TightParameterBudget_RepairKeepsChildrenUnderIt()
    {
        var options = new LayerListSpaceOptions { MaxParameters = 100_000 };
        var space = Space(TensorShape.Cifar10, options);
        var rng = new DeterministicRandom(11);
        var genome = space.Minimal();
        for (var i = 0; i < 2_000; i++)
        {
            genome = space.Mutate(genome, rng, 0);
            Assert.InRange(space.Analyze(genome).Parameters, 1, 100_000);
        }
    }

    [Fact]
    public void InitialGenomes_ThousandMutations_DistinctAndDiverse()
    {
        var space = Space();
        var evolution = new IslandEvolution<LayerListGenome>(space, new EvolutionOptions { PopulationSize = 10, InitialMutations = 1000, Seed = 4 });

        var genomes = evolution.InitialGenomes(island: 0);
        var diversity = PopulationDiversity.Of(space, genomes, g => space.Analyze(g).Parameters);

        Assert.Equal(10, diversity.DistinctCount);
        Assert.All(genomes, g => Assert.True(space.Analyze(g).IsValid));
        Assert.True(diversity.MeanPairwiseDistance > 3, $"mean pairwise edit distance {diversity.MeanPairwiseDistance}");
        Assert.True(diversity.MaxParameters > 2 * diversity.MinParameters, $"parameters {diversity.MinParameters}..{diversity.MaxParameters}");
        Assert.Equal(genomes.Select(space.Id), evolution.InitialGenomes(island: 0).Select(space.Id));
    }

    [Fact]
    public void Minimal_BudgetBelowSmallestNetwork_ClearError()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Space(TensorShape.Cifar10, new LayerListSpaceOptions { MaxParameters = 50_000 }).Minimal());
        Assert.Contains("budget", error.Message);
    }

    [Fact]
    public void Distance_InsertedLayer_IsOne() =>
        Assert.Equal(1, Space().Distance(Of(Conv(8), Conv(16)), Of(Conv(8), new DropoutGene(0.1), Conv(16))));
}
