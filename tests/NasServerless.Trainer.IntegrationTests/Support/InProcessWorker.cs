using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NasServerless.Trainer.Worker;
using Xunit.Abstractions;

namespace NasServerless.Trainer.IntegrationTests.Support;

/// <summary>
/// A worker host in the test process, wired as <c>nas-trainer worker</c> is (<see cref="WorkerHostExtensions.AddTrainingWorker"/>)
/// with the trainers a test gives, and no environment variables. Disposing stops it.
/// </summary>
public sealed class InProcessWorker : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly TestLoggerProvider _logs;

    private InProcessWorker(IHost host, TestLoggerProvider logs)
    {
        _host = host;
        _logs = logs;
    }

    public WorkerStatus Status => _host.Services.GetRequiredService<WorkerStatus>();

    public IEnumerable<string> Logs => _logs.Lines;

    public static async Task<InProcessWorker> StartAsync(
        StorageScope storage,
        ITestOutputHelper output,
        string workerId,
        Action<IServiceCollection> trainers,
        Action<Dictionary<string, string?>>? configure = null)
    {
        var configuration = storage.WorkerConfiguration(workerId);
        configure?.Invoke(configuration);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(configuration);
        var logs = new TestLoggerProvider(output, workerId);
        builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.AddTrainingWorker();
        trainers(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new InProcessWorker(host, logs);
    }

    /// <summary>Waits until the worker stops by itself (max jobs, idle exit, fatal error); fails after <paramref name="timeout"/>.</summary>
    public async Task WaitForStopAsync(TimeSpan timeout)
    {
        var stopping = _host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        try
        {
            await Task.Delay(timeout, stopping);
            throw new TimeoutException($"The worker did not stop by itself within {timeout.TotalSeconds:F0} s.");
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            await _host.StopAsync(TimeSpan.FromSeconds(10));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(TimeSpan.FromSeconds(10));
        _host.Dispose();
    }
}
