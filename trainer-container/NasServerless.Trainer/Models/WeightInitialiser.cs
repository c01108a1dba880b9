using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NasServerless.Trainer.Models;

/// <summary>
/// PyTorch's default initialisation, drawn from a given generator instead of libtorch's process-wide one (whose
/// <c>kaiming_uniform_</c> takes no generator): convolution and linear weights and biases uniform in ±1/√fan_in
/// (what <c>kaiming_uniform_(a=√5)</c> and the default bias init amount to), batch norm scale 1 and shift 0.
/// </summary>
public static class WeightInitialiser
{
    public static void Initialise(nn.Module module, Generator generator)
    {
        using var noGrad = torch.no_grad();
        foreach (var (_, child) in module.named_modules())
        {
            switch (child)
            {
                case Conv2d conv:
                    Uniform(conv.weight!, conv.bias, conv.weight!.shape[1] * conv.weight.shape[2] * conv.weight.shape[3], generator);
                    break;
                case Linear linear:
                    Uniform(linear.weight!, linear.bias, linear.weight!.shape[1], generator);
                    break;
                case BatchNorm2d bn:
                    bn.weight?.fill_(1);
                    bn.bias?.zero_();
                    break;
            }
        }
    }

    private static void Uniform(Tensor weight, Tensor? bias, long fanIn, Generator generator)
    {
        var bound = fanIn > 0 ? 1.0 / Math.Sqrt(fanIn) : 0;
        weight.uniform_(-bound, bound, generator);
        bias?.uniform_(-bound, bound, generator);
    }
}
