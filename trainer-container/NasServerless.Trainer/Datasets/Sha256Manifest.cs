using System.Security.Cryptography;

namespace NasServerless.Trainer.Datasets;

/// <summary>
/// A <c>sha256sum</c>-style manifest (<c>{64 hex digits}  ./relative/path</c> per line, as in
/// <c>shared/datasets/SHA256SUMS</c>), with paths relative to the folder that holds it.
/// </summary>
public sealed class Sha256Manifest
{
    private readonly Dictionary<string, string> _entries;

    private Sha256Manifest(string manifestPath, Dictionary<string, string> entries)
    {
        ManifestPath = manifestPath;
        BaseDirectory = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        _entries = entries;
    }

    public string ManifestPath { get; }

    /// <summary>The folder the listed paths are relative to.</summary>
    public string BaseDirectory { get; }

    /// <summary>Relative path (forward slashes, no leading <c>./</c>) → lower-case hex SHA-256.</summary>
    public IReadOnlyDictionary<string, string> Entries => _entries;

    public static Sha256Manifest Load(string manifestPath)
    {
        if (!File.Exists(manifestPath)) throw new DatasetException(manifestPath, "checksum manifest not found.");
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in File.ReadLines(manifestPath))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith('#')) continue;
            // sha256sum writes "HASH  path" (text mode) or "HASH *path" (binary mode).
            var separator = line.IndexOf(' ');
            if (separator != 64 || line.Length < 67 || !IsHex(line.AsSpan(0, 64)) || (line[65] != ' ' && line[65] != '*'))
            {
                throw new DatasetException(manifestPath, $"line {lineNumber} is not '<sha256>  <path>': '{line}'.");
            }
            entries[Normalise(line[66..])] = line[..64].ToLowerInvariant();
        }
        return new Sha256Manifest(manifestPath, entries);
    }

    /// <summary>Checks one file (absolute, or relative to <see cref="BaseDirectory"/>) against its manifest entry.</summary>
    /// <exception cref="DatasetException">The file is missing, not listed, or its SHA-256 differs.</exception>
    public void Verify(string path)
    {
        var fullPath = Path.GetFullPath(path, BaseDirectory);
        if (!File.Exists(fullPath)) throw new DatasetException(fullPath, "file not found.");
        var relative = Normalise(Path.GetRelativePath(BaseDirectory, fullPath));
        if (!_entries.TryGetValue(relative, out var expected))
        {
            throw new DatasetException(fullPath, $"not listed in the checksum manifest {ManifestPath}, so it cannot be verified.");
        }
        var actual = ComputeSha256(fullPath);
        if (actual != expected)
        {
            throw new DatasetException(fullPath, $"SHA-256 mismatch: expected {expected} (from {ManifestPath}), got {actual}. The file is corrupt or was replaced.");
        }
    }

    /// <summary>Lower-case hex SHA-256 of a file.</summary>
    public static string ComputeSha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static string Normalise(string relativePath)
    {
        var path = relativePath.Replace('\\', '/');
        while (path.StartsWith("./", StringComparison.Ordinal)) path = path[2..];
        return path;
    }

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c)) return false;
        }
        return true;
    }
}
