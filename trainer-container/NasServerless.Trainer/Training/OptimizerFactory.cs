using NasServerless.Search.Spaces.LayerList;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NasServerless.Trainer.Training;

/// <summary>The genome's optimiser: SGD with momentum 0.9, Adam (L2 weight decay) or AdamW (decoupled weight decay).</summary>
public static class OptimizerFactory
{
    public const double SgdMomentum = 0.9;

    public static OptimizerHelper Create(TrainingGenes genes, IEnumerable<Parameter> parameters) => genes.Optimizer switch
    {
        OptimizerKind.SgdMomentum => optim.SGD(parameters, genes.LearningRate, momentum: SgdMomentum, weight_decay: genes.WeightDecay),
        OptimizerKind.Adam => optim.Adam(parameters, genes.LearningRate, weight_decay: genes.WeightDecay),
        OptimizerKind.AdamW => optim.AdamW(parameters, genes.LearningRate, weight_decay: genes.WeightDecay),
        _ => throw new NotSupportedException($"optimiser '{genes.Optimizer}' is not supported"),
    };

    /// <summary>Cosine decay from <paramref name="baseRate"/> to 0 over <paramref name="totalSteps"/>: the rate of step <paramref name="step"/> (0-based).</summary>
    public static double CosineRate(double baseRate, long step, long totalSteps) =>
        totalSteps <= 0 ? baseRate : baseRate * 0.5 * (1 + Math.Cos(Math.PI * Math.Clamp(step, 0, totalSteps) / totalSteps));

    public static void SetLearningRate(optim.Optimizer optimizer, double rate)
    {
        foreach (var group in optimizer.ParamGroups) group.LearningRate = rate;
    }
}
