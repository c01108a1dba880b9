using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NasServerless.Trainer.Checkpoints;
using NasServerless.Trainer.Datasets;
using NasServerless.Trainer.Lookup;
using NasServerless.Trainer.Storage;
using NasServerless.Trainer.Training;

namespace NasServerless.Trainer.Worker;

public static class WorkerHostExtensions
{
    /// <summary>
    /// The queue worker: <see cref="WorkerOptions"/> (section <c>Worker</c>, validated on start), storage clients (with a
    /// DI-registered <c>TokenCredential</c> if there is one, for <see cref="WorkerOptions.AccountName"/>), result store, blob checkpoints and the <see cref="TrainingJobWorker"/> hosted service. Trainers are added
    /// separately (<see cref="AddLookupTrainer"/>, the TorchSharp trainer), each as an <see cref="ICandidateTrainer"/>.
    /// </summary>
    public static IHostApplicationBuilder AddTrainingWorker(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<WorkerStatus>();
        builder.Services.AddSingleton<StorageClients>();
        builder.Services.AddSingleton<ResultStore>();
        builder.Services.AddSingleton<ICheckpointStore>(sp => new BlobCheckpointStore(
            sp.GetRequiredService<StorageClients>().Checkpoints,
            sp.GetRequiredService<ILogger<BlobCheckpointStore>>(),
            sp.GetRequiredService<IOptions<WorkerOptions>>().Value.CheckpointsToKeep));
        builder.Services.AddSingleton<FinalWeightsExporter>();
        builder.Services.AddHostedService<TrainingJobWorker>();
        // Time for the trainer to checkpoint and the job to be released after SIGTERM (Kubernetes waits 30 s by default).
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(25));
        return builder;
    }

    /// <summary>
    /// The TorchSharp layer-list trainer (<see cref="TrainerOptions"/> from section <c>Trainer</c>, datasets from
    /// section <c>Datasets</c>), when <c>Datasets:LocalRoot</c> is configured; without datasets this worker leaves
    /// layer-list jobs to others (so a lookup-only worker needs none). libtorch is loaded when the worker starts, to
    /// resolve <see cref="TrainerOptions.Device"/>.
    /// </summary>
    public static IHostApplicationBuilder AddLayerListTrainer(this IHostApplicationBuilder builder)
    {
        var datasets = builder.Configuration.GetSection(DatasetSourceOptions.SectionName).Get<DatasetSourceOptions>();
        if (string.IsNullOrWhiteSpace(datasets?.LocalRoot)) return builder;

        builder.Services.AddOptions<TrainerOptions>().BindConfiguration(TrainerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<DatasetSourceOptions>().BindConfiguration(DatasetSourceOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => Directory.Exists(o.LocalRoot), $"{DatasetSourceOptions.SectionName}:{nameof(DatasetSourceOptions.LocalRoot)} is not an existing folder")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => new DatasetCache(sp.GetRequiredService<IOptions<DatasetSourceOptions>>().Value));
        builder.Services.AddSingleton<LoggingTrainingObserver>();
        builder.Services.AddSingleton<ICandidateTrainer>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TrainerOptions>>().Value;
            // Resolving the device loads libtorch: a GPU that was asked for and is missing stops the worker here, at start.
            var trainer = new LayerListTrainer(options, sp.GetRequiredService<DatasetCache>(), observer: sp.GetRequiredService<LoggingTrainingObserver>());
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<LayerListTrainer>().LogInformation(
                "Layer-list candidates train on {Device} (configured {ConfiguredDevice}), {Threads} CPU thread(s)",
                TrainingDevice.Name(trainer.Device), options.Device, options.Threads);
            return trainer;
        });
        return builder;
    }

    /// <summary>The NAS-Bench-Macro lookup trainer (section <c>NasBenchMacro</c>); its table is loaded when the worker starts.</summary>
    public static IHostApplicationBuilder AddLookupTrainer(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LookupTrainerOptions>().BindConfiguration(LookupTrainerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ICandidateTrainer>(sp => new LookupTrainer(
            sp.GetRequiredService<IOptions<LookupTrainerOptions>>(),
            sp.GetRequiredService<ILogger<LookupTrainer>>()));
        return builder;
    }
}
