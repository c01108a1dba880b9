using System.Text.Json;

namespace NasServerless.Cli;

/// <summary>submit | status | front (table, plot or a member's genome) | watch | run (submit + watch + front) against --api URL.</summary>
public static class CliCommands
{
    public const string Usage = """
        usage: nas-cli <command> [--api URL] ...
          submit --definition FILE          submit a search; prints its id
          status ID                         one status line
          watch ID [--timeout SECONDS]      progress lines until the search ends
          front ID                          the Pareto front as a table
          front ID --svg FILE               save the front plot (SVG: accuracy against size, every evaluated architecture)
          front ID --genome CANDIDATE_ID [--out FILE]
                                            that front member's genome JSON (id or unique prefix) to FILE or stdout;
                                            retrain a layer-list one longer: scripts/nas train --genome FILE --dataset mnist --epochs 30
          run --definition FILE [--timeout SECONDS] [--svg FILE]   submit, watch, print the front (and save its plot)
        --api defaults to NAS_API_URL, else http://127.0.0.1:7071
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help") { Console.WriteLine(Usage); return args.Length == 0 ? 2 : 0; }
        var options = CliOptions.Parse(args[1..]);
        if (options.Genome is not null && args[0] != "front") throw new CliException("--genome goes with the front command");
        if (options.Svg is not null && args[0] is not ("front" or "run")) throw new CliException("--svg goes with the front and run commands");
        using var api = new SearchApiClient(options.Api);
        switch (args[0])
        {
            case "submit":
                Console.WriteLine(await api.SubmitAsync(ReadDefinition(options)));
                return 0;
            case "status":
                Console.WriteLine(ProgressLine.Of(await api.StatusAsync(options.RequireId())));
                return 0;
            case "watch":
                return await WatchAsync(api, options.RequireId(), options.Timeout) ? 0 : 1;
            case "front":
                await FrontAsync(api, options);
                return 0;
            case "run":
                var id = await api.SubmitAsync(ReadDefinition(options));
                Console.WriteLine($"submitted search {id}");
                var ok = await WatchAsync(api, id, options.Timeout);
                FrontTable.Print(await api.FrontAsync(id));
                if (options.Svg is null) Console.WriteLine($"plot: {api.FrontPlotUri(id)} (blob searches/{id}/front.svg; `nas-cli front {id} --svg FILE` saves it)");
                else if (!await TrySavePlotAsync(api, id, options.Svg)) return 1;
                return ok ? 0 : 1;
            default:
                throw new CliException($"unknown command '{args[0]}'\n{Usage}");
        }
    }

    /// <summary>The table, or what --svg and --genome ask for; notes go to stderr when the genome goes to stdout.</summary>
    private static async Task FrontAsync(SearchApiClient api, CliOptions options)
    {
        var id = options.RequireId();
        if (options.Svg is null && options.Genome is null)
        {
            FrontTable.Print(await api.FrontAsync(id));
            return;
        }
        var notes = options.Genome is not null && options.Out is null ? Console.Error : Console.Out;
        if (options.Genome is { } candidate)
        {
            var member = FrontGenome.Select(await api.FrontAsync(id), candidate);
            if (options.Out is null) Console.WriteLine(member.Genome);
            else
            {
                Write(options.Out, member.Genome + "\n");
                notes.WriteLine($"wrote the genome of {member.CandidateId} to {options.Out}; retrain a layer-list genome longer with: scripts/nas train --genome {options.Out} --dataset DATASET --epochs 30");
            }
        }
        if (options.Svg is not null) await SavePlotAsync(api, id, options.Svg, notes);
    }

    private static async Task SavePlotAsync(SearchApiClient api, string id, string path, TextWriter notes)
    {
        Write(path, await api.FrontPlotAsync(id));
        notes.WriteLine($"saved the front plot of search {id} to {path}");
    }

    /// <summary>Saves the plot after a run; a search that ended before its first generation has none, which is said, not thrown.</summary>
    private static async Task<bool> TrySavePlotAsync(SearchApiClient api, string id, string path)
    {
        try
        {
            await SavePlotAsync(api, id, path, Console.Out);
            return true;
        }
        catch (CliException e)
        {
            Console.Error.WriteLine($"nas: no front plot saved: {e.Message}");
            return false;
        }
    }

    private static void Write(string path, string text)
    {
        try
        {
            File.WriteAllText(path, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliException($"cannot write '{path}': {e.Message}");
        }
    }

    private static string ReadDefinition(CliOptions options)
    {
        var path = options.Definition ?? throw new CliException("--definition FILE is required");
        if (!File.Exists(path)) throw new CliException($"definition file '{path}' does not exist");
        var text = File.ReadAllText(path);
        try
        {
            using var _ = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new CliException($"definition file '{path}' is not JSON: {e.Message}");
        }
        return text;
    }

    /// <summary>Prints a line whenever progress changes; true if the search completed.</summary>
    private static async Task<bool> WatchAsync(SearchApiClient api, string id, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        string? last = null;
        while (DateTimeOffset.UtcNow < deadline)
        {
            var status = await api.StatusAsync(id);
            var line = ProgressLine.Of(status);
            if (line != last) Console.WriteLine($"{DateTime.Now:HH:mm:ss} {line}");
            last = line;
            var state = status.GetProperty("status").GetString();
            if (state is "completed") return true;
            if (state is "failed" or "terminated") return false;
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        Console.Error.WriteLine($"nas: search {id} did not finish within {timeout.TotalSeconds:F0} s (it goes on; `nas-cli watch {id}` to follow it)");
        return false;
    }
}
