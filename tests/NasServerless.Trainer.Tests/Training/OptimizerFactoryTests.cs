using NasServerless.Search.Spaces.LayerList;
using NasServerless.Trainer.Training;
using TorchSharp;
using TorchSharp.Modules;

namespace NasServerless.Trainer.Tests.Training;

public class OptimizerFactoryTests
{
    [Fact]
    public void CosineRate_DecaysFromBaseToZero()
    {
        Assert.Equal(0.1, OptimizerFactory.CosineRate(0.1, 0, 100), 12);
        Assert.Equal(0.05, OptimizerFactory.CosineRate(0.1, 50, 100), 12);
        Assert.Equal(0, OptimizerFactory.CosineRate(0.1, 100, 100), 12);
        Assert.True(OptimizerFactory.CosineRate(0.1, 99, 100) > 0);
    }

    [Theory]
    [InlineData(OptimizerKind.SgdMomentum, typeof(SGD))]
    [InlineData(OptimizerKind.Adam, typeof(Adam))]
    [InlineData(OptimizerKind.AdamW, typeof(AdamW))]
    public void Create_GenomeOptimiser_GivesThatOptimiserAtItsRate(OptimizerKind kind, Type expected)
    {
        using var linear = torch.nn.Linear(4, 2);

        using var optimizer = OptimizerFactory.Create(new TrainingGenes(3e-3, kind, 1e-4), linear.parameters());
        OptimizerFactory.SetLearningRate(optimizer, 1e-3);

        Assert.IsType(expected, optimizer);
        Assert.All(optimizer.ParamGroups, g => Assert.Equal(1e-3, g.LearningRate));
    }
}
