using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace NasServerless.Testing;

/// <summary>
/// Writes in-process logs one line each, prefixed with <c>prefix</c>: either to a <see cref="TestLog"/> (test host,
/// activities, API), or to a test's <see cref="ITestOutputHelper"/> with scopes, keeping the lines in
/// <see cref="Lines"/> for assertions (an in-process worker).
/// </summary>
public sealed class TestLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly Action<string> _write;
    private readonly string _prefix;
    private readonly LogLevel _minimum;
    private readonly bool _withScopes;
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    /// <summary>Every level, no scopes, to <paramref name="log"/>.</summary>
    public TestLoggerProvider(TestLog log, string prefix)
    {
        _write = log.Write;
        _prefix = prefix;
        _minimum = LogLevel.Trace;
        _withScopes = false;
    }

    /// <summary>Debug and up, with scopes, to <paramref name="output"/> (while its test runs) and <see cref="Lines"/>.</summary>
    public TestLoggerProvider(ITestOutputHelper output, string prefix)
    {
        _write = line =>
        {
            Lines.Enqueue(line);
            try
            {
                output.WriteLine(line);
            }
            catch (InvalidOperationException)
            {
                // The test has ended; the line is still in Lines.
            }
        };
        _prefix = prefix;
        _minimum = LogLevel.Debug;
        _withScopes = true;
    }

    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName[(categoryName.LastIndexOf('.') + 1)..]);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

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

    private sealed class Logger(TestLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider._withScopes ? provider._scopes.Push(state) : null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= provider._minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopeText = "";
            if (provider._withScopes)
            {
                var scopes = new List<string>();
                provider._scopes.ForEachScope((scope, list) => list.Add(scope?.ToString() ?? ""), scopes);
                scopeText = scopes.Count == 0 ? "" : $" [{string.Join(" | ", scopes)}]";
            }
            provider._write($"{DateTime.Now:HH:mm:ss.fff} [{provider._prefix}] {logLevel} {category}: {formatter(state, exception)}{scopeText}{(exception is null ? "" : $"\n{exception}")}");
        }
    }
}
