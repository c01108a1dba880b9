using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace NasServerless.Trainer.Export;

/// <summary>
/// Writes tensors in the safetensors format (https://github.com/huggingface/safetensors): an 8-byte little-endian
/// header length, a JSON header naming each tensor's dtype, shape and byte range, then the raw little-endian data.
/// Plain bytes and JSON, so PyTorch (and NumPy, JAX, …) read it without pickle and without TorchSharp.
/// </summary>
public static class Safetensors
{
    /// <summary>The file of <paramref name="tensors"/> (any device; written from CPU copies) with string <paramref name="metadata"/>.</summary>
    public static byte[] Write(IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var entries = new List<(string Name, string DType, long[] Shape, byte[] Data)>();
        foreach (var (name, tensor) in tensors.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            using var cpu = tensor.detach().cpu().contiguous();
            entries.Add((name, DTypeName(cpu.dtype), cpu.shape, cpu.bytes.ToArray()));
        }

        var header = new Dictionary<string, object>(StringComparer.Ordinal);
        if (metadata is { Count: > 0 }) header["__metadata__"] = metadata;
        long offset = 0;
        foreach (var (name, dtype, shape, data) in entries)
        {
            header[name] = new { dtype, shape, data_offsets = new[] { offset, offset + data.Length } };
            offset += data.Length;
        }
        var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(header));
        // The format asks the data to start 8-byte aligned; the header may be padded with spaces.
        var padded = (json.Length + 7) / 8 * 8;

        var file = new byte[8 + padded + offset];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)padded);
        json.CopyTo(file, 8);
        file.AsSpan(8 + json.Length, padded - json.Length).Fill((byte)' ');
        var position = 8 + padded;
        foreach (var entry in entries)
        {
            entry.Data.CopyTo(file, position);
            position += entry.Data.Length;
        }
        return file;
    }

    private static string DTypeName(ScalarType type) => type switch
    {
        ScalarType.Float32 => "F32",
        ScalarType.Float64 => "F64",
        ScalarType.Float16 => "F16",
        ScalarType.BFloat16 => "BF16",
        ScalarType.Int64 => "I64",
        ScalarType.Int32 => "I32",
        ScalarType.Int16 => "I16",
        ScalarType.Int8 => "I8",
        ScalarType.Byte => "U8",
        ScalarType.Bool => "BOOL",
        _ => throw new NotSupportedException($"tensors of {type} have no safetensors dtype"),
    };
}
