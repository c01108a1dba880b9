using System.Globalization;
using NasServerless.Search.Spaces.NasBenchMacro;
using NasServerless.Trainer.Training;
using NasServerless.Trainer.Worker;

namespace NasServerless.Trainer.App;

/// <summary>The <c>worker</c> command's options, turned into configuration keys (which override environment variables).</summary>
internal sealed record WorkerArguments
{
    public const string Usage =
        """
        usage: nas-trainer worker [--connection STRING] [--once] [--max-jobs N] [--idle-exit SECONDS] [--table PATH] [--threads N]
                                 [--device auto|cpu|cuda[:N]]
          --connection STRING   Azure Storage connection string (default: Worker__ConnectionString; else, with
                                Worker__AccountName, that account with a token credential such as workload identity;
                                else Azurite on 127.0.0.1 with the ports in AZURITE_BLOB_PORT / AZURITE_QUEUE_PORT /
                                AZURITE_TABLE_PORT). Excludes Worker__AccountName.
          --once                handle one job and exit (a KEDA ScaledJob pod); exits after 30 s if the queue stays empty
          --max-jobs N          exit after N jobs
          --idle-exit SECONDS   exit once the queue has been empty this long
          --table PATH          NAS-Bench-Macro table for lookup jobs (default: NasBenchMacro__TablePath, else
                                $NAS_SHARED_PATH/benchmarks/nas-bench-macro/nas-bench-macro_cifar10.json if present)
          Layer-list jobs need datasets: Datasets__LocalRoot (default: $NAS_SHARED_PATH/datasets if present).
          --threads N           CPU threads for TorchSharp training (Trainer__Threads; default 1)
          --device D            where TorchSharp trains (Trainer__Device; default auto: a GPU if libtorch sees one,
                                else the CPU); cuda fails at start when there is no GPU
        Every other setting is configuration: Worker__VisibilityTimeout, Worker__RenewInterval, Worker__MaxDequeueCount,
        Worker__JobsQueue, ... (see trainer-container/README.md). Exit code 0 after SIGTERM / Ctrl-C, 1 on a start error.
        """;

    /// <summary>The configuration key the TorchSharp trainer reads its thread count from.</summary>
    public const string ThreadsKey = $"{TrainerOptions.SectionName}:{nameof(TrainerOptions.Threads)}";

    /// <summary>The configuration key the TorchSharp trainer reads its device from.</summary>
    public const string DeviceKey = $"{TrainerOptions.SectionName}:{nameof(TrainerOptions.Device)}";

    public bool Help { get; private init; }

    public Dictionary<string, string?> Configuration { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static bool TryParse(string[] args, out WorkerArguments arguments, out string error)
    {
        arguments = new WorkerArguments();
        error = "";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                arguments = new WorkerArguments { Help = true };
                return true;
            }
            if (!seen.Add(name))
            {
                error = $"{name} is given twice";
                return false;
            }
            if (name == "--once")
            {
                arguments.Configuration[Key(nameof(WorkerOptions.MaxJobs))] = "1";
                continue;
            }
            if (name is not ("--connection" or "--max-jobs" or "--idle-exit" or "--table" or "--threads" or "--device"))
            {
                error = $"unknown option '{name}'";
                return false;
            }
            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                error = $"{name} needs a value";
                return false;
            }
            var value = args[++i];
            switch (name)
            {
                case "--connection":
                    arguments.Configuration[Key(nameof(WorkerOptions.ConnectionString))] = value;
                    break;
                case "--max-jobs":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var jobs) || jobs < 1) return Fail($"--max-jobs must be a positive integer, not '{value}'", out error);
                    arguments.Configuration[Key(nameof(WorkerOptions.MaxJobs))] = jobs.ToString(CultureInfo.InvariantCulture);
                    break;
                case "--idle-exit":
                    if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !double.IsFinite(seconds) || seconds <= 0 || seconds > 86_400)
                        return Fail($"--idle-exit must be a number of seconds between 0 and 86,400, not '{value}'", out error);
                    arguments.Configuration[Key(nameof(WorkerOptions.IdleExit))] = TimeSpan.FromSeconds(seconds).ToString("c", CultureInfo.InvariantCulture);
                    break;
                case "--table":
                    arguments.Configuration[NasBenchMacroTable.PathConfigurationKey] = Path.GetFullPath(value);
                    break;
                case "--threads":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var threads) || threads is < 1 or > 256) return Fail($"--threads must be 1 to 256, not '{value}'", out error);
                    arguments.Configuration[ThreadsKey] = threads.ToString(CultureInfo.InvariantCulture);
                    break;
                case "--device":
                    if (!System.Text.RegularExpressions.Regex.IsMatch(value, TrainingDevice.Pattern)) return Fail($"--device must be auto, cpu, cuda or cuda:N, not '{value}'", out error);
                    arguments.Configuration[DeviceKey] = value;
                    break;
            }
        }
        if (seen.Contains("--once") && seen.Contains("--max-jobs")) return Fail("--once and --max-jobs exclude each other", out error);
        if (seen.Contains("--once") && !seen.Contains("--idle-exit"))
        {
            arguments.Configuration[Key(nameof(WorkerOptions.IdleExit))] = TimeSpan.FromSeconds(30).ToString("c", CultureInfo.InvariantCulture);
        }
        return true;
    }

    private static string Key(string property) => $"{WorkerOptions.SectionName}:{property}";

    private static bool Fail(string message, out string error)
    {
        error = message;
        return false;
    }
}
