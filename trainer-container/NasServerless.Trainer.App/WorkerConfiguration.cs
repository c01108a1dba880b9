using Microsoft.Extensions.Configuration;
using NasServerless.Search.Spaces.NasBenchMacro;
using NasServerless.Trainer.Datasets;
using NasServerless.Trainer.Worker;

namespace NasServerless.Trainer.App;

/// <summary>
/// The worker's lowest-precedence configuration: environment variables and the command line override all of it. The
/// storage default (Azurite on 127.0.0.1) is not here but in <see cref="WorkerOptions.Account"/>: a default connection
/// string here would collide with <c>Worker__AccountName</c>.
/// </summary>
internal static class WorkerConfiguration
{
    public static ConfigurationManager WithDefaults()
    {
        var defaults = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
            // A failed start is reported once, plainly, by the worker command.
            ["Logging:LogLevel:Microsoft.Extensions.Hosting.Internal.Host"] = "Critical",
            ["Logging:Console:FormatterName"] = "simple",
            ["Logging:Console:FormatterOptions:SingleLine"] = "true",
            ["Logging:Console:FormatterOptions:IncludeScopes"] = "true",
            ["Logging:Console:FormatterOptions:TimestampFormat"] = "HH:mm:ss.fff ",
        };
        var shared = Environment.GetEnvironmentVariable("NAS_SHARED_PATH");
        if (!string.IsNullOrEmpty(shared))
        {
            var table = Path.GetFullPath(Path.Combine(shared, "benchmarks", "nas-bench-macro", "nas-bench-macro_cifar10.json"));
            if (File.Exists(table)) defaults[NasBenchMacroTable.PathConfigurationKey] = table;
            var datasets = Path.GetFullPath(Path.Combine(shared, "datasets"));
            if (Directory.Exists(datasets)) defaults[$"{DatasetSourceOptions.SectionName}:{nameof(DatasetSourceOptions.LocalRoot)}"] = datasets;
        }

        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(defaults);
        return configuration;
    }
}
