using TorchSharp;
using static TorchSharp.torch;

namespace NasServerless.Trainer.Models;

/// <summary>
/// Inverted dropout (as <c>nn.Dropout</c>: zero each value with probability <see cref="Rate"/> in training, scale the
/// rest by 1/(1-rate), identity in eval mode) drawing its masks from the generator it is given instead of libtorch's
/// process-wide one, so a training run's randomness is its own: another thread's draws cannot change it, and its
/// state can be checkpointed with the run. Holds no parameters or buffers, so a saved network loads as with nn.Dropout.
/// </summary>
public sealed class SeededDropout : nn.Module<Tensor, Tensor>
{
    private readonly Generator? _generator;

    public SeededDropout(double rate, Generator? generator) : base(nameof(SeededDropout))
    {
        if (rate is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(rate), rate, "must be in [0, 1)");
        Rate = rate;
        _generator = generator;
    }

    public double Rate { get; }

    public override Tensor forward(Tensor input)
    {
        if (!training || Rate == 0) return input.alias();
        using var keep = torch.rand(input.shape, dtype: input.dtype, device: input.device, generator: _generator).ge_(Rate);
        return input.mul(keep).div_(1 - Rate);
    }
}
