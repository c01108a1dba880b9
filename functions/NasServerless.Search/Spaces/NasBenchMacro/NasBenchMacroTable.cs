using System.Text.Json;

namespace NasServerless.Search.Spaces.NasBenchMacro;

/// <summary>
/// The NAS-Bench-Macro CIFAR-10 table (Su et al., CVPR 2021): all 3^8 = 6,561 architectures with mean test
/// accuracy, parameters and FLOPs. The file is a JSON object keyed by the 8-digit architecture; see
/// <c>shared/benchmarks/nas-bench-macro/README.md</c>. Loading checks the whole table, so a lookup never fails
/// later on a truncated or foreign file. Immutable and safe to share between threads.
/// </summary>
public sealed class NasBenchMacroTable
{
    /// <summary>Searchable layers per architecture.</summary>
    public const int Positions = 8;

    /// <summary>Choices per layer (0, 1, 2).</summary>
    public const int Choices = 3;

    /// <summary>Entries in a complete table: 3^8.</summary>
    public const int ExpectedCount = 6561;

    /// <summary>The configuration key that points the product at the table file.</summary>
    public const string PathConfigurationKey = "NasBenchMacro:TablePath";

    private readonly Dictionary<string, NasBenchMacroEntry> _byArchitecture;

    private NasBenchMacroTable(Dictionary<string, NasBenchMacroEntry> byArchitecture)
    {
        _byArchitecture = byArchitecture;
        Entries = byArchitecture.Values.OrderBy(e => e.Architecture, StringComparer.Ordinal).ToArray();
        MaxParameters = Entries.Max(e => e.Parameters);
    }

    /// <summary>Number of architectures (always <see cref="ExpectedCount"/> for a loaded table).</summary>
    public int Count => _byArchitecture.Count;

    /// <summary>Every entry, sorted by architecture (ordinal).</summary>
    public IReadOnlyList<NasBenchMacroEntry> Entries { get; }

    /// <summary>The largest parameter count in the table (e.g. to normalise a hypervolume reference point).</summary>
    public long MaxParameters { get; }

    /// <summary>Reads and validates the table.</summary>
    /// <exception cref="NasBenchMacroTableException">The file is missing, is not valid JSON, or is not a complete table.</exception>
    public static NasBenchMacroTable Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new NasBenchMacroTableException(
                $"NAS-Bench-Macro table '{fullPath}' is missing. Its location is set by the configuration key " +
                $"'{PathConfigurationKey}' (environment variable NasBenchMacro__TablePath; tests read NAS_BENCH_MACRO_PATH); " +
                "the file is nas-bench-macro_cifar10.json from shared/benchmarks/nas-bench-macro/.");
        }

        using var document = Parse(fullPath);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(fullPath, $"the root is a JSON {document.RootElement.ValueKind}, expected an object keyed by architecture");
        }

        var entries = new Dictionary<string, NasBenchMacroEntry>(ExpectedCount, StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var entry = ReadEntry(fullPath, property);
            if (!entries.TryAdd(entry.Architecture, entry))
            {
                throw Invalid(fullPath, $"key '{entry.Architecture}' appears more than once");
            }
        }

        if (entries.Count != ExpectedCount)
        {
            var missing = AllArchitectures().FirstOrDefault(a => !entries.ContainsKey(a));
            throw Invalid(fullPath, $"it has {entries.Count} entries, expected exactly {ExpectedCount} (3^{Positions}); first missing key '{missing}'");
        }
        return new NasBenchMacroTable(entries);
    }

    public bool TryGet(string architecture, out NasBenchMacroEntry entry)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        return _byArchitecture.TryGetValue(architecture, out entry!);
    }

    /// <exception cref="KeyNotFoundException">The architecture is not 8 digits of 0, 1 or 2.</exception>
    public NasBenchMacroEntry Get(string architecture)
    {
        if (TryGet(architecture, out var entry)) return entry;
        throw new KeyNotFoundException(
            $"architecture '{architecture}' is not in NAS-Bench-Macro: expected {Positions} digits, each 0, 1 or 2");
    }

    /// <summary>
    /// The exact Pareto front of (maximise mean accuracy, minimise parameters), sorted by parameters ascending
    /// (so accuracy strictly ascending). Architectures with identical (accuracy, parameters) count once: the
    /// ordinally greatest key is kept, which for the table's equivalent architectures is the canonical one with
    /// the identity blocks last in their stage (e.g. <c>22212220</c> rather than <c>22212202</c>).
    /// </summary>
    public IReadOnlyList<NasBenchMacroEntry> ExactParetoFront()
    {
        var front = new List<NasBenchMacroEntry>();
        var bestAccuracy = double.NegativeInfinity;
        var candidates = Entries
            .OrderBy(e => e.Parameters)
            .ThenByDescending(e => e.MeanAccuracy)
            .ThenByDescending(e => e.Architecture, StringComparer.Ordinal);
        foreach (var entry in candidates)
        {
            if (entry.MeanAccuracy <= bestAccuracy) continue;
            front.Add(entry);
            bestAccuracy = entry.MeanAccuracy;
        }
        return front;
    }

    /// <summary>Whether <paramref name="architecture"/> has the form of a key: 8 digits, each 0, 1 or 2.</summary>
    public static bool IsValidArchitecture(string? architecture) =>
        architecture is { Length: Positions } && architecture.All(c => c is >= '0' and <= '2');

    private static JsonDocument Parse(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException ex)
        {
            throw new NasBenchMacroTableException(
                $"NAS-Bench-Macro table '{path}' is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}): {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new NasBenchMacroTableException($"NAS-Bench-Macro table '{path}' cannot be read: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new NasBenchMacroTableException($"NAS-Bench-Macro table '{path}' cannot be read: {ex.Message}", ex);
        }
    }

    private static NasBenchMacroEntry ReadEntry(string path, JsonProperty property)
    {
        var key = property.Name;
        if (!IsValidArchitecture(key))
        {
            throw Invalid(path, $"key '{key}' is not an architecture ({Positions} digits, each 0, 1 or 2)");
        }
        var value = property.Value;
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, $"entry '{key}' is a JSON {value.ValueKind}, expected an object");
        }

        var meanAccuracy = Field(path, key, value, "mean_acc").TryGetDouble(out var acc) && double.IsFinite(acc) && acc is >= 0 and <= 100
            ? acc
            : throw Invalid(path, $"entry '{key}' field 'mean_acc' is not a percentage between 0 and 100");
        var parameters = ReadPositiveInteger(path, key, value, "params");
        var flops = ReadPositiveInteger(path, key, value, "flops");
        return new NasBenchMacroEntry(key, meanAccuracy, parameters, flops);
    }

    private static long ReadPositiveInteger(string path, string key, JsonElement value, string name) =>
        Field(path, key, value, name).TryGetInt64(out var number) && number > 0
            ? number
            : throw Invalid(path, $"entry '{key}' field '{name}' is not a positive integer");

    private static JsonElement Field(string path, string key, JsonElement value, string name)
    {
        if (!value.TryGetProperty(name, out var field)) throw Invalid(path, $"entry '{key}' has no field '{name}'");
        if (field.ValueKind != JsonValueKind.Number) throw Invalid(path, $"entry '{key}' field '{name}' is a JSON {field.ValueKind}, expected a number");
        return field;
    }

    private static IEnumerable<string> AllArchitectures()
    {
        var total = (int)Math.Pow(Choices, Positions);
        var digits = new char[Positions];
        for (var code = 0; code < total; code++)
        {
            var rest = code;
            for (var p = Positions - 1; p >= 0; p--)
            {
                digits[p] = (char)('0' + rest % Choices);
                rest /= Choices;
            }
            yield return new string(digits);
        }
    }

    private static NasBenchMacroTableException Invalid(string path, string reason) =>
        new($"NAS-Bench-Macro table '{path}' is not a valid table: {reason}.");
}
