using System.Text.Json;

namespace NasServerless.Cli;

/// <summary>submit | status | front | watch | run (submit + watch + front) against --api URL.</summary>
public static class CliCommands
{
    public const string Usage = """
        usage: nas-cli <command> [--api URL] ...
          submit --definition FILE          submit a search; prints its id
          status ID                         one status line
          watch ID [--timeout SECONDS]      progress lines until the search ends
          front ID                          the Pareto front as a table
          run --definition FILE [--timeout SECONDS]   submit, watch, print the front
        --api defaults to NAS_API_URL, else http://127.0.0.1:7071
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help") { Console.WriteLine(Usage); return args.Length == 0 ? 2 : 0; }
        var options = CliOptions.Parse(args[1..]);
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
                FrontTable.Print(await api.FrontAsync(options.RequireId()));
                return 0;
            case "run":
                var id = await api.SubmitAsync(ReadDefinition(options));
                Console.WriteLine($"submitted search {id}");
                var ok = await WatchAsync(api, id, options.Timeout);
                FrontTable.Print(await api.FrontAsync(id));
                return ok ? 0 : 1;
            default:
                throw new CliException($"unknown command '{args[0]}'\n{Usage}");
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
