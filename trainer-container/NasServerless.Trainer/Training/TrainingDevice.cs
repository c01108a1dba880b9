using System.Globalization;
using System.Text.RegularExpressions;
using TorchSharp;

namespace NasServerless.Trainer.Training;

/// <summary>
/// Where candidates train: <c>cpu</c>, <c>cuda</c> (GPU 0), <c>cuda:N</c>, or <c>auto</c> (the first GPU when libtorch
/// sees one, else the CPU). The GPU image asks for <c>cuda</c> explicitly, so that a pod without a usable GPU fails at
/// start instead of training fifty times slower on the CPU.
/// </summary>
public static partial class TrainingDevice
{
    public const string Auto = "auto";

    /// <summary>The accepted spellings (also the validation pattern of <see cref="TrainerOptions.Device"/>).</summary>
    public const string Pattern = "^(auto|cpu|cuda(:[0-9]{1,2})?)$";

    /// <summary>
    /// The torch device for <paramref name="spec"/>. Throws <see cref="TrainingDeviceUnavailableException"/> when a GPU
    /// is asked for and libtorch has none (the CPU build of TorchSharp, no driver, no GPU given to the container), or
    /// <see cref="ArgumentException"/> for a spelling that is not one of <see cref="Pattern"/>.
    /// </summary>
    public static torch.Device Resolve(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var match = SpecPattern().Match(spec);
        if (!match.Success) throw new ArgumentException($"device '{spec}' is not one of auto, cpu, cuda, cuda:N", nameof(spec));
        if (spec == "cpu") return torch.CPU;
        var available = torch.cuda.is_available();
        if (spec == Auto) return available ? new torch.Device(DeviceType.CUDA, 0) : torch.CPU;

        var index = match.Groups[2].Success ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : 0;
        if (!available)
        {
            throw new TrainingDeviceUnavailableException(
                $"device '{spec}' was asked for, but libtorch sees no CUDA device: this build uses the CPU libtorch (TorchBackend=cpu), "
                + "or the container has no GPU (NVIDIA device plugin, nvidia.com/gpu limit, NVIDIA_VISIBLE_DEVICES) or driver. "
                + "Use --device cpu or Trainer:Device=cpu to train on the CPU.");
        }
        var count = torch.cuda.device_count();
        if (index >= count) throw new TrainingDeviceUnavailableException($"device '{spec}' was asked for, but libtorch sees {count} CUDA device(s) (cuda:0 to cuda:{count - 1})");
        return new torch.Device(DeviceType.CUDA, index);
    }

    /// <summary>How results and logs name a device: <c>cpu</c> or <c>cuda:N</c>.</summary>
    public static string Name(torch.Device device) =>
        device.type == DeviceType.CPU ? "cpu" : string.Create(CultureInfo.InvariantCulture, $"{device.type.ToString().ToLowerInvariant()}:{Math.Max(0, device.index)}");

    [GeneratedRegex("^(auto|cpu|cuda(?::([0-9]{1,2}))?)$", RegexOptions.CultureInvariant)]
    private static partial Regex SpecPattern();
}

/// <summary>The configured training device cannot be used in this process: a configuration fault, not a candidate's.</summary>
public sealed class TrainingDeviceUnavailableException(string message) : InvalidOperationException(message);
