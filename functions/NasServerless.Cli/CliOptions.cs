namespace NasServerless.Cli;

/// <param name="Svg">Where to save the front plot (<c>front</c>, <c>run</c>).</param>
/// <param name="Genome">The front member whose genome to write (<c>front</c>).</param>
/// <param name="Out">Where to write that genome instead of standard output.</param>
public sealed record CliOptions(Uri Api, string? Id, string? Definition, TimeSpan Timeout, string? Svg = null, string? Genome = null, string? Out = null)
{
    /// <summary>The longest --timeout: far beyond any search, and well inside what a deadline (now + timeout) can hold.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(365);

    public static CliOptions Parse(string[] args)
    {
        var api = Environment.GetEnvironmentVariable("NAS_API_URL") ?? "http://127.0.0.1:7071";
        string? id = null, definition = null, svg = null, genome = null, output = null;
        var timeout = TimeSpan.FromHours(6);
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new CliException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--api": api = Value(); break;
                case "--definition": definition = Value(); break;
                case "--svg": svg = Value(); break;
                case "--genome": genome = Value(); break;
                case "--out": output = Value(); break;
                case "--timeout":
                    var text = Value();
                    // !(seconds > 0) also rejects NaN, which TimeSpan refuses.
                    if (!double.TryParse(text, out var seconds) || !(seconds > 0)) throw new CliException($"--timeout must be a positive number of seconds, got '{text}'");
                    if (seconds > MaxTimeout.TotalSeconds) throw new CliException($"--timeout must be at most {MaxTimeout.TotalSeconds:F0} seconds ({MaxTimeout.TotalDays:F0} days), got '{text}'");
                    timeout = TimeSpan.FromSeconds(seconds);
                    break;
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal) || id is not null) throw new CliException($"unexpected argument '{args[i]}'");
                    id = args[i];
                    break;
            }
        }
        if (!Uri.TryCreate(api, UriKind.Absolute, out var uri)) throw new CliException($"--api '{api}' is not an absolute URL");
        // "localhost:7071" and "/path" are absolute URIs too (schemes localhost and file), which HttpClient refuses.
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) throw new CliException($"--api '{api}' is not an http or https URL");
        if (output is not null && genome is null) throw new CliException("--out FILE goes with --genome CANDIDATE_ID");
        return new CliOptions(uri, id, definition, timeout, svg, genome, output);
    }

    public string RequireId() => Id ?? throw new CliException("a search id is required");
}
