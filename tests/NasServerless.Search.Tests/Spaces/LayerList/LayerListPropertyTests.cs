using FsCheck.Xunit;
using NasServerless.Search.Randomness;
using NasServerless.Search.Spaces.LayerList;

namespace NasServerless.Search.Tests.Spaces.LayerList;

public class LayerListPropertyTests
{
    /// <summary>
    /// Random chains of 10,000 mutations and crossovers (FsCheck draws the seed and the input shape)
    /// only ever yield valid genomes with positive analytic parameter counts and stable hashes.
    /// </summary>
    [Property(MaxTest = 6)]
    public void VariationChain_TenThousandSteps_OnlyValidGenomesWithStableHashes(ulong seed, bool cifar)
    {
        var space = new LayerListSpace(new LayerListSpaceOptions(), cifar ? TensorShape.Cifar10 : TensorShape.Mnist);
        var rng = new DeterministicRandom(seed);
        var pool = new List<LayerListGenome> { space.Minimal(), space.Minimal() };
        double[] probabilities = [0, 0.05, 0.125, 0.5];
        for (var step = 0; step < 10_000; step++)
        {
            var parent = rng.Pick(pool);
            LayerListGenome child;
            if (rng.Chance(0.3))
                child = space.Crossover(parent, rng.Pick(pool), rng).First;
            else
                child = space.Mutate(parent, rng, rng.Pick(probabilities));

            var analysis = space.Analyze(child);
            Assert.True(analysis.IsValid, $"step {step}: {string.Join("; ", analysis.Errors)}");
            Assert.True(analysis.Parameters > 0);
            var id = space.Id(child);
            Assert.Equal(id, space.Id(space.Parse(space.ToJson(child))));
            Assert.Equal(child, space.Parse(space.ToJson(child)));
            pool[rng.NextInt(pool.Count)] = child;
            if (pool.Count < 8) pool.Add(child);
        }
    }
}
