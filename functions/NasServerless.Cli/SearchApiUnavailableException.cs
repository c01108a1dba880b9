namespace NasServerless.Cli;

/// <summary>The search API did not answer in time, or answered what is not the API (a proxy's error page): exit code 1.</summary>
public sealed class SearchApiUnavailableException(string message) : Exception(message);
