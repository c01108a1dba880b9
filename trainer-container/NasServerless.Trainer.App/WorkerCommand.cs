using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NasServerless.Search.Spaces.NasBenchMacro;
using NasServerless.Trainer.Training;
using NasServerless.Trainer.Worker;

namespace NasServerless.Trainer.App;

/// <summary><c>nas-trainer worker</c>: the queue worker the trainer pods run, one job at a time, until stopped.</summary>
internal static class WorkerCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (!WorkerArguments.TryParse(args, out var arguments, out var error)) return CommandLine.Usage($"worker: {error}\n{WorkerArguments.Usage}");
        if (arguments.Help)
        {
            Console.WriteLine(WorkerArguments.Usage);
            return 0;
        }

        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
            {
                Configuration = WorkerConfiguration.WithDefaults(),
                ContentRootPath = AppContext.BaseDirectory,
            });
            builder.Configuration.AddInMemoryCollection(arguments.Configuration);
            builder.Logging.ClearProviders().AddConsole();
            builder.AddTrainingWorker().AddLayerListTrainer().AddLookupTrainer();

            using var host = builder.Build();
            var status = host.Services.GetRequiredService<WorkerStatus>();
            await host.RunAsync();
            return status.ExitCode;
        }
        catch (OptionsValidationException e)
        {
            Console.Error.WriteLine($"worker: invalid configuration: {string.Join("; ", e.Failures)}");
            return 1;
        }
        catch (AggregateException e) when (e.InnerExceptions.All(i => i is OptionsValidationException))
        {
            // More than one options class failed: the host's start validation throws them together.
            Console.Error.WriteLine($"worker: invalid configuration: {string.Join("; ", e.InnerExceptions.Cast<OptionsValidationException>().SelectMany(i => i.Failures))}");
            return 1;
        }
        catch (TrainingDeviceUnavailableException e)
        {
            Console.Error.WriteLine($"worker: cannot start: {e.Message}");
            return 1;
        }
        catch (NasBenchMacroTableException e)
        {
            Console.Error.WriteLine($"worker: cannot start: {e.Message}");
            return 1;
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine($"worker: cannot start: {e.Message}");
            return 1;
        }
    }
}
