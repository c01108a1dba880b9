using System.Buffers.Binary;
using System.IO.Compression;

namespace NasServerless.Trainer.Datasets;

/// <summary>
/// Reads the gzipped IDX files of MNIST and Fashion-MNIST: a big-endian header (magic 0x00000803 and
/// count, rows, columns for images; magic 0x00000801 and count for labels) followed by unsigned bytes.
/// </summary>
public static class IdxReader
{
    public const int ImagesMagic = 0x803;
    public const int LabelsMagic = 0x801;

    /// <summary>Reads an images file into a 1-channel <see cref="RawImages"/> with the given labels.</summary>
    public static RawImages ReadImages(string imagesPath, string labelsPath)
    {
        var (shape, count, pixels) = ReadImageBytes(imagesPath);
        var labels = ReadLabels(labelsPath);
        if (labels.Length != count)
        {
            throw new DatasetException(labelsPath, $"holds {labels.Length} labels but {imagesPath} holds {count} images.");
        }
        return new RawImages(shape, pixels, labels);
    }

    /// <summary>Reads a gzipped IDX images file (magic 0x803): image shape, count and the pixels in file order.</summary>
    public static (ImageShape Shape, int Count, byte[] Pixels) ReadImageBytes(string path)
    {
        var (dims, payload) = ReadIdx(path, ImagesMagic, "images", dimensions: 3);
        return (new ImageShape(1, dims[1], dims[2]), dims[0], payload);
    }

    /// <summary>Reads a gzipped IDX labels file (magic 0x801).</summary>
    public static byte[] ReadLabels(string path)
    {
        var (_, payload) = ReadIdx(path, LabelsMagic, "labels", dimensions: 1);
        foreach (var label in payload)
        {
            if (label >= DatasetNames.ClassCount) throw new DatasetException(path, $"label {label} is outside 0..{DatasetNames.ClassCount - 1}.");
        }
        return payload;
    }

    private static (int[] Dimensions, byte[] Payload) ReadIdx(string path, int expectedMagic, string kind, int dimensions)
    {
        if (!File.Exists(path)) throw new DatasetException(path, "file not found.");
        try
        {
            using var file = File.OpenRead(path);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);

            var header = new byte[4 + 4 * dimensions];
            if (ReadFully(gzip, header) < header.Length)
            {
                throw new DatasetException(path, $"truncated: the IDX header ({header.Length} bytes) is incomplete.");
            }
            var magic = BinaryPrimitives.ReadInt32BigEndian(header);
            if (magic != expectedMagic)
            {
                throw new DatasetException(path, $"wrong magic number 0x{magic:X8}: expected 0x{expectedMagic:X8} (IDX {kind}).");
            }

            var dims = new int[dimensions];
            long size = 1;
            for (var i = 0; i < dimensions; i++)
            {
                dims[i] = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4 + 4 * i));
                if (dims[i] <= 0) throw new DatasetException(path, $"IDX dimension {i} is {dims[i]}.");
                size *= dims[i];
            }
            if (size > Array.MaxLength) throw new DatasetException(path, $"IDX payload of {size} bytes is too large.");

            var payload = new byte[size];
            var read = ReadFully(gzip, payload);
            if (read < size)
            {
                throw new DatasetException(path, $"truncated: expected {size} bytes of {kind} after the header ({string.Join("x", dims)}), found {read}.");
            }
            if (gzip.ReadByte() != -1)
            {
                throw new DatasetException(path, $"has data after the {size} bytes its header announces ({string.Join("x", dims)}).");
            }
            return (dims, payload);
        }
        catch (InvalidDataException e)
        {
            throw new DatasetException(path, $"not a valid gzip stream, or truncated: {e.Message}", e);
        }
        catch (EndOfStreamException e)
        {
            throw new DatasetException(path, $"truncated: {e.Message}", e);
        }
    }

    private static int ReadFully(Stream stream, Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = stream.Read(buffer[total..]);
            if (n == 0) break;
            total += n;
        }
        return total;
    }
}
