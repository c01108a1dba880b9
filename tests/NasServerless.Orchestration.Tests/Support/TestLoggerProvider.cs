using Microsoft.Extensions.Logging;

namespace NasServerless.Testing;

/// <summary>Writes in-process logs (test host, activities, API) to a <see cref="TestLog"/>, one line each.</summary>
public sealed class TestLoggerProvider(TestLog log, string prefix) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(log, prefix, categoryName[(categoryName.LastIndexOf('.') + 1)..]);

    public void Dispose()
    {
    }

    /// <summary>Information and up from our code, warnings and up from the frameworks (gRPC, ASP.NET Core, Durable Task).</summary>
    public static ILoggerFactory CreateFactory(TestLog log, string prefix) => LoggerFactory.Create(builder => builder
        .SetMinimumLevel(LogLevel.Information)
        .AddFilter("Microsoft", LogLevel.Warning)
        .AddFilter("Grpc", LogLevel.Warning)
        .AddFilter("DurableTask", LogLevel.Warning)
        .AddFilter("Azure", LogLevel.Warning)
        .AddProvider(new TestLoggerProvider(log, prefix)));

    private sealed class Logger(TestLog log, string prefix, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log.Write($"{DateTime.Now:HH:mm:ss.fff} [{prefix}] {logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : $"\n{exception}")}");
    }
}
