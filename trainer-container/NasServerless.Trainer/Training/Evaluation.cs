using NasServerless.Trainer.Datasets;
using TorchSharp;
using static TorchSharp.torch;

namespace NasServerless.Trainer.Training;

/// <summary>Accuracy of a network in eval mode, without gradients, one dispose scope per batch.</summary>
public static class Evaluation
{
    /// <summary>
    /// The fraction of the first <paramref name="limit"/> images of <paramref name="data"/> classified correctly, with
    /// batches on <paramref name="device"/> (the network's; CPU when null).
    /// </summary>
    public static double Accuracy(nn.Module<Tensor, Tensor> network, LabeledImages data, int limit, int batchSize, Device? device = null)
    {
        var count = Math.Min(limit, data.Count);
        if (count <= 0) return 0;
        var wasTraining = network.training;
        network.eval();
        try
        {
            using var noGrad = torch.no_grad();
            var indices = Enumerable.Range(0, count).ToArray();
            long correct = 0;
            for (var start = 0; start < count; start += batchSize)
            {
                using var scope = torch.NewDisposeScope();
                var (images, labels) = TensorBatch.Create(data, indices.AsSpan(start, Math.Min(batchSize, count - start)), device: device);
                correct += network.forward(images).argmax(1).eq(labels).sum().item<long>();
            }
            return (double)correct / count;
        }
        finally
        {
            network.train(wasTraining);
        }
    }
}
