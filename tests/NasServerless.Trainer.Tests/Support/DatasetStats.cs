using System.Globalization;
using System.Text.RegularExpressions;

namespace NasServerless.Trainer.Tests.Support;

/// <summary>One line of <c>shared/datasets/STATS.txt</c>: count, pixel mean (0..255) and label histogram of one file set.</summary>
public sealed record DatasetStats(int Count, double PixelMean, int[] Histogram)
{
    /// <summary>Reads STATS.txt into (dataset id, part) → stats; parts are "train"/"t10k", or CIFAR batch names.</summary>
    public static IReadOnlyDictionary<(string Dataset, string Part), DatasetStats> Load(string path)
    {
        var result = new Dictionary<(string, string), DatasetStats>();
        string? dataset = null;
        var line = new Regex(@"^\s+(?<part>[\w]+): .*?n=(?<n>\d+) .*?mean=(?<mean>[\d.]+) .*?hist=\[(?<hist>[\d, ]+)\]");
        foreach (var text in File.ReadLines(path))
        {
            if (text.Length > 0 && !char.IsWhiteSpace(text[0]))
            {
                dataset = text.Trim();
                continue;
            }
            var match = line.Match(text);
            if (!match.Success || dataset is null) continue;
            result[(dataset, match.Groups["part"].Value)] = new DatasetStats(
                int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture),
                double.Parse(match.Groups["mean"].Value, CultureInfo.InvariantCulture),
                match.Groups["hist"].Value.Split(',').Select(h => int.Parse(h, CultureInfo.InvariantCulture)).ToArray());
        }
        return result;
    }
}
