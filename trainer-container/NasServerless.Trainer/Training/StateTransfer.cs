using System.Reflection;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NasServerless.Trainer.Training;

/// <summary>
/// Copies restored state from a CPU twin (network or optimiser loaded from checkpoint bytes) into the live one, on
/// whatever device the live one is. Why not load in place: TorchSharp's <c>Tensor.Load</c> writes the bytes straight
/// into the tensor's memory, which is only valid for CPU tensors, and moving a module after its optimiser exists
/// replaces the parameters that optimiser holds. <c>copy_</c> works across devices and keeps every tensor's identity,
/// so the CPU and GPU paths are one path, and the CPU resume tests cover it.
/// </summary>
internal static class StateTransfer
{
    /// <summary>Every parameter and buffer of <paramref name="source"/> into the same-named tensor of <paramref name="target"/>.</summary>
    public static void CopyModule(nn.Module source, nn.Module target)
    {
        var from = source.state_dict();
        var to = target.state_dict();
        var missing = to.Keys.Except(from.Keys).Concat(from.Keys.Except(to.Keys)).ToList();
        if (missing.Count > 0) throw new InvalidDataException($"the saved network differs in {string.Join(", ", missing.Take(5))}");
        using var noGrad = torch.no_grad();
        foreach (var (name, tensor) in to)
        {
            var saved = from[name];
            if (!saved.shape.SequenceEqual(tensor.shape)) throw new InvalidDataException($"{name} has shape [{string.Join(", ", saved.shape)}] in the checkpoint, [{string.Join(", ", tensor.shape)}] in the network");
            tensor.copy_(saved);
        }
    }

    /// <summary>
    /// Options (rates, betas, decay) and per-parameter state (step counts, momentum buffers, Adam moments) of
    /// <paramref name="source"/> into <paramref name="target"/>, an optimiser of the same kind over the same parameters.
    /// A buffer the source has and the target has not yet created (SGD creates momentum on its first step) is cloned
    /// onto <paramref name="device"/>.
    /// </summary>
    public static void CopyOptimizer(OptimizerHelper source, OptimizerHelper target, Device device)
    {
        if (source.GetType() != target.GetType()) throw new InvalidDataException($"the saved optimiser is {source.GetType().Name}, not {target.GetType().Name}");
        var from = source.state_dict();
        var to = target.state_dict();
        if (from.Options.Count != to.Options.Count || from.State.Count != to.State.Count)
            throw new InvalidDataException($"the saved optimiser has {from.Options.Count} groups and {from.State.Count} states, not {to.Options.Count} and {to.State.Count}");
        for (var i = 0; i < to.Options.Count; i++) to.Options[i].LoadStateDict(from.Options[i]);
        using var noGrad = torch.no_grad();
        for (var i = 0; i < to.State.Count; i++) CopyState(from.State[i], to.State[i], device);
    }

    /// <summary>TorchSharp's optimiser states keep their values in public fields (<c>step</c>, <c>exp_avg</c>, <c>momentum_buffer</c>, …).</summary>
    private static void CopyState(OptimizerState source, OptimizerState target, Device device)
    {
        foreach (var field in target.GetType().GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            var value = field.GetValue(source);
            if (field.FieldType == typeof(Tensor))
            {
                var current = (Tensor?)field.GetValue(target);
                if (value is not Tensor saved)
                {
                    current?.Dispose();
                    field.SetValue(target, null);
                }
                else if (current is null)
                {
                    field.SetValue(target, torch.zeros_like(saved, device: device).copy_(saved).DetachFromDisposeScope());
                }
                else
                {
                    if (!saved.shape.SequenceEqual(current.shape)) throw new InvalidDataException($"optimiser {field.Name} has another shape in the checkpoint");
                    current.copy_(saved);
                }
            }
            else if (field.FieldType.IsPrimitive)
            {
                field.SetValue(target, value);
            }
            else
            {
                throw new NotSupportedException($"{target.GetType().FullName}.{field.Name} ({field.FieldType.Name}) cannot be copied");
            }
        }
    }
}
