using System.Globalization;

namespace NasServerless.Trainer.App;

/// <summary>The options of <c>train</c>; defaults follow <see cref="Contracts.TrainingBudget"/>, except that all training images are used.</summary>
internal sealed record TrainArguments
{
    public string GenomeFile { get; init; } = "";
    public string Dataset { get; init; } = "";
    public int Epochs { get; init; } = 2;
    public int TrainSubset { get; init; }
    public int BatchSize { get; init; } = 128;
    public int Validation { get; init; } = 5000;
    public int Threads { get; init; } = 1;
    public string Device { get; init; } = Training.TrainingDevice.Auto;
    public long Seed { get; init; } = 1;
    public string? JsonFile { get; init; }
    public string? CheckpointFolder { get; init; }
    public string? WeightsFile { get; init; }
    public string? ExportFolder { get; init; }
    public bool Help { get; init; }

    /// <summary>The arguments, or null with <paramref name="error"/> saying what is wrong.</summary>
    public static TrainArguments? Parse(string[] args, out string error)
    {
        var result = new TrainArguments();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                error = "";
                return new TrainArguments { Help = true };
            }
            if (i + 1 >= args.Length || (name.StartsWith("--", StringComparison.Ordinal) && args[i + 1].StartsWith("--", StringComparison.Ordinal)))
            {
                error = name.StartsWith("--", StringComparison.Ordinal) ? $"{name} needs a value." : $"unexpected argument '{name}'.";
                return null;
            }
            var value = args[++i];
            int Int() => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw new FormatException($"{name} needs an integer, got '{value}'.");
            try
            {
                result = name switch
                {
                    "--genome" => result with { GenomeFile = value },
                    "--dataset" => result with { Dataset = value },
                    "--epochs" => result with { Epochs = Int() },
                    "--train-subset" => result with { TrainSubset = Int() },
                    "--batch-size" => result with { BatchSize = Int() },
                    "--validation" => result with { Validation = Int() },
                    "--threads" => result with { Threads = Int() },
                    "--device" => System.Text.RegularExpressions.Regex.IsMatch(value, Training.TrainingDevice.Pattern)
                        ? result with { Device = value }
                        : throw new FormatException($"--device must be auto, cpu, cuda or cuda:N, not '{value}'."),
                    "--seed" => result with { Seed = long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : throw new FormatException($"--seed needs an integer, got '{value}'.") },
                    "--json" => result with { JsonFile = value },
                    "--checkpoints" => result with { CheckpointFolder = value },
                    "--weights" => result with { WeightsFile = value },
                    "--export" => result with { ExportFolder = value },
                    _ => throw new FormatException($"unknown option '{name}'."),
                };
            }
            catch (FormatException e)
            {
                error = e.Message;
                return null;
            }
        }
        error = result.GenomeFile.Length == 0 ? "--genome is required." : result.Dataset.Length == 0 ? "--dataset is required." : "";
        return error.Length == 0 ? result : null;
    }
}
