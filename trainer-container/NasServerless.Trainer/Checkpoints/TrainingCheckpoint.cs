using System.Text;
using NasServerless.Contracts;

namespace NasServerless.Trainer.Checkpoints;

/// <summary>
/// Everything a layer-list training run needs to continue bit-identically, as the payload of a <see cref="Checkpoint"/>.
/// Binary layout (little-endian; strings and byte blocks length-prefixed):
/// <code>
/// magic "NASCKPT\0" · int32 format version · int64 sequence · int32 epoch · int32 step
/// string job fingerprint · double loss sum · int64 loss images · double epoch seconds · double total seconds
/// int32 epoch-metrics count · per epoch: int32 epoch, double train loss, validation accuracy, seconds, images/s
/// bytes RNG state (the run's torch.Generator state) · bytes model (Module.save format) · bytes optimiser (OptimizerHelper.save_state_dict)
/// </code>
/// </summary>
/// <param name="Epoch">Epochs completed (0-based index of the epoch in progress).</param>
/// <param name="Step">Optimiser steps done within epoch <paramref name="Epoch"/>; 0 at an epoch boundary.</param>
/// <param name="JobFingerprint">What the run trains (genome, dataset, budget, seeds): a checkpoint of another configuration is never resumed.</param>
/// <param name="LossSum">Sum of batch loss × batch size over the steps done in the current epoch.</param>
/// <param name="LossImages">Images behind <paramref name="LossSum"/>.</param>
/// <param name="EpochSeconds">Time spent in the training steps of the current epoch so far.</param>
/// <param name="TotalSeconds">Wall time of training and evaluation so far, over all attempts.</param>
/// <param name="Epochs">Metrics of the completed epochs.</param>
/// <param name="RngState">The run's generator state (dropout masks are drawn from it).</param>
/// <param name="ModelState">The network in <c>Module.save</c> format: also the trained weights once training is done.</param>
/// <param name="OptimizerState">The optimiser's state dictionary (momentum buffers, Adam moments and step counts).</param>
public sealed record TrainingCheckpoint(
    int Epoch,
    int Step,
    string JobFingerprint,
    double LossSum,
    long LossImages,
    double EpochSeconds,
    double TotalSeconds,
    IReadOnlyList<EpochMetrics> Epochs,
    byte[] RngState,
    byte[] ModelState,
    byte[] OptimizerState)
{
    public const int FormatVersion = 1;

    /// <summary>Steps per epoch can never reach this, so sequences order checkpoints by (epoch, step).</summary>
    public const long StepsPerEpochLimit = 1_000_000;

    private static readonly byte[] Magic = "NASCKPT\0"u8.ToArray();

    public long Sequence => Epoch * StepsPerEpochLimit + Step;

    public Checkpoint ToCheckpoint() => new(Sequence, Serialize());

    public byte[] Serialize()
    {
        using var buffer = new MemoryStream(ModelState.Length + OptimizerState.Length + RngState.Length + 1024);
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(Sequence);
            writer.Write(Epoch);
            writer.Write(Step);
            writer.Write(JobFingerprint);
            writer.Write(LossSum);
            writer.Write(LossImages);
            writer.Write(EpochSeconds);
            writer.Write(TotalSeconds);
            writer.Write(Epochs.Count);
            foreach (var e in Epochs)
            {
                writer.Write(e.Epoch);
                writer.Write(e.TrainLoss);
                writer.Write(e.ValidationAccuracy);
                writer.Write(e.Seconds);
                writer.Write(e.ImagesPerSecond);
            }
            WriteBytes(writer, RngState);
            WriteBytes(writer, ModelState);
            WriteBytes(writer, OptimizerState);
        }
        return buffer.ToArray();
    }

    /// <summary>Reads a payload written by <see cref="Serialize"/>; throws <see cref="InvalidDataException"/> saying what is wrong.</summary>
    public static TrainingCheckpoint Deserialize(byte[] payload)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(payload, writable: false), Encoding.UTF8);
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic)) throw new InvalidDataException("not a training checkpoint (bad magic).");
            var version = reader.ReadInt32();
            if (version != FormatVersion) throw new InvalidDataException($"checkpoint format version {version} is not supported (expected {FormatVersion}).");
            var sequence = reader.ReadInt64();
            var epoch = reader.ReadInt32();
            var step = reader.ReadInt32();
            var fingerprint = reader.ReadString();
            var lossSum = reader.ReadDouble();
            var lossImages = reader.ReadInt64();
            var epochSeconds = reader.ReadDouble();
            var totalSeconds = reader.ReadDouble();
            var count = reader.ReadInt32();
            if (count < 0 || count > 100_000) throw new InvalidDataException($"checkpoint claims {count} epochs.");
            var epochs = new List<EpochMetrics>(count);
            for (var i = 0; i < count; i++)
                epochs.Add(new EpochMetrics(reader.ReadInt32(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble()));
            var checkpoint = new TrainingCheckpoint(epoch, step, fingerprint, lossSum, lossImages, epochSeconds, totalSeconds, epochs,
                ReadBytes(reader), ReadBytes(reader), ReadBytes(reader));
            if (checkpoint.Sequence != sequence) throw new InvalidDataException($"checkpoint header says sequence {sequence} but epoch {epoch}, step {step}.");
            if (reader.BaseStream.Position != payload.Length) throw new InvalidDataException("checkpoint has trailing bytes.");
            return checkpoint;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("checkpoint is truncated.", e);
        }
    }

    private static void WriteBytes(BinaryWriter writer, byte[] bytes)
    {
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    private static byte[] ReadBytes(BinaryReader reader)
    {
        var length = reader.ReadInt32();
        if (length < 0 || length > reader.BaseStream.Length - reader.BaseStream.Position) throw new InvalidDataException($"checkpoint section of {length} bytes runs past the end.");
        return reader.ReadBytes(length);
    }
}
