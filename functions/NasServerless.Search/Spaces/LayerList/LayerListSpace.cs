using NasServerless.Search.Randomness;

namespace NasServerless.Search.Spaces.LayerList;

/// <summary>
/// The paper's layer-list space for one input shape: mutation (add, remove, change a layer gene;
/// change a training gene) and one-point crossover, both followed by <see cref="LayerListRepair"/>,
/// so every child is valid.
/// </summary>
public sealed class LayerListSpace : ISearchSpace<LayerListGenome>
{
    private const int MaxAttempts = 64;
    private readonly LayerListRepair _repair;
    private readonly LayerListGeneSampler _sampler;

    public LayerListSpace(LayerListSpaceOptions options, TensorShape input)
    {
        Analyzer = new LayerListAnalyzer(options);
        Input = input;
        _repair = new LayerListRepair(Analyzer, input);
        _sampler = new LayerListGeneSampler(Analyzer.Options);
    }

    public string Name => "layer-list";
    public LayerListAnalyzer Analyzer { get; }
    public LayerListSpaceOptions Options => Analyzer.Options;
    public TensorShape Input { get; }

    public GenomeAnalysis Analyze(LayerListGenome genome) => Analyzer.Analyze(genome, Input);

    public LayerListGenome Minimal()
    {
        var o = Options;
        if (!o.AllowedLayers.Contains(LayerKind.Convolution) && o.MinLayers > 0)
            throw new NotSupportedException("The minimal network is one convolution per required layer; allow 'conv' layers or set MinLayers to 0.");
        var conv = new ConvolutionGene(o.ConvolutionFilters.Min(), o.ConvolutionKernels.Contains(3) ? 3 : o.ConvolutionKernels.Min(), o.ConvolutionStrides.Min(), o.Activations[0], BatchNorm: false);
        var training = new TrainingGenes(
            o.LearningRates.Contains(1e-3) ? 1e-3 : o.LearningRates[o.LearningRates.Count / 2],
            o.Optimizers.Contains(OptimizerKind.Adam) ? OptimizerKind.Adam : o.Optimizers[0],
            o.WeightDecays.Min());
        var genome = new LayerListGenome(Enumerable.Repeat<LayerGene>(conv, o.MinLayers).ToArray(), training);
        var analysis = Analyze(genome);
        if (!analysis.IsValid)
            throw new InvalidOperationException($"The minimal network is invalid for input {Input}: {string.Join("; ", analysis.Errors)}");
        return genome;
    }

    public LayerListGenome Mutate(LayerListGenome parent, DeterministicRandom rng, double perGeneProbability)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var layers = parent.Layers.ToList();
            var training = parent.Training;
            var changes = 0;
            for (var i = 0; i < layers.Count; i++)
            {
                if (!rng.Chance(perGeneProbability)) continue;
                layers[i] = _sampler.Change(layers[i], rng);
                changes++;
            }
            if (rng.Chance(perGeneProbability)) { _sampler.Insert(layers, rng); changes++; }
            if (rng.Chance(perGeneProbability) && layers.Count > 0) { layers.RemoveAt(rng.NextInt(layers.Count)); changes++; }
            if (rng.Chance(perGeneProbability)) { training = _sampler.ChangeTraining(training, rng); changes++; }
            if (changes == 0) training = ApplyOneOperator(layers, training, rng);

            var child = _repair.Repair(new LayerListGenome(layers, training));
            if (child is not null && !child.Equals(parent)) return child;
        }
        return parent;
    }

    public (LayerListGenome First, LayerListGenome Second) Crossover(LayerListGenome first, LayerListGenome second, DeterministicRandom rng)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var cutFirst = rng.NextInt(first.Layers.Count + 1);
            var cutSecond = rng.NextInt(second.Layers.Count + 1);
            var a = _repair.Repair(new LayerListGenome([.. first.Layers.Take(cutFirst), .. second.Layers.Skip(cutSecond)], first.Training));
            var b = _repair.Repair(new LayerListGenome([.. second.Layers.Take(cutSecond), .. first.Layers.Skip(cutFirst)], second.Training));
            if (a is not null && b is not null) return (a, b);
        }
        return (first, second);
    }

    public string Id(LayerListGenome genome) => LayerListGenomeJson.Hash(genome);

    public int Distance(LayerListGenome first, LayerListGenome second) => EditDistance.Between(first.Layers, second.Layers);

    public string ToJson(LayerListGenome genome) => LayerListGenomeJson.ToCanonicalJson(genome);

    public LayerListGenome Parse(string json) => LayerListGenomeJson.Parse(json);

    /// <summary>One of add / remove / change a layer / change a training gene, chosen uniformly among those possible.</summary>
    private TrainingGenes ApplyOneOperator(List<LayerGene> layers, TrainingGenes training, DeterministicRandom rng)
    {
        var canRemove = layers.Count > Options.MinLayers;
        var canAdd = layers.Count < Options.MaxLayers;
        var choice = rng.NextInt(4);
        if (choice == 0 && !canAdd) choice = 2;
        if (choice == 1 && !canRemove) choice = 2;
        if (choice == 2 && layers.Count == 0) choice = canAdd ? 0 : 3;
        switch (choice)
        {
            case 0: _sampler.Insert(layers, rng); break;
            case 1: layers.RemoveAt(rng.NextInt(layers.Count)); break;
            case 2: var i = rng.NextInt(layers.Count); layers[i] = _sampler.Change(layers[i], rng); break;
            default: return _sampler.ChangeTraining(training, rng);
        }
        return training;
    }
}
