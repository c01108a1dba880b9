using NasServerless.Integration.Tests.Support;
using NasServerless.Testing;
using Xunit.Abstractions;

namespace NasServerless.Integration.Tests;

/// <summary>The built host refusing a storage configuration it cannot use: exit code 1 and one plain line, no stack trace.</summary>
[Collection(SystemCollection.Name)]
public sealed class HostStartTests : IDisposable
{
    private readonly SystemFixture _fixture;
    private readonly IDisposable _attached;

    public HostStartTests(SystemFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _attached = fixture.Log.Attach(output);
    }

    public void Dispose() => _attached.Dispose();

    [Theory]
    [InlineData("UseDevelopmentStorage=true", "nasstore", "Storage:ConnectionString and Storage:AccountName are both set")]
    [InlineData(null, "REPLACE_WITH_STORAGE_ACCOUNT_NAME", "Storage:AccountName 'REPLACE_WITH_STORAGE_ACCOUNT_NAME' is not a storage account name")]
    public async Task Host_InvalidStorageSettings_ExitsOneWithOnePlainLine(string? connection, string account, string expected)
    {
        await using var host = ChildProcess.Start("host-misconfigured", ChildProcess.DotnetHost, [_fixture.Apps.HostDll, "--Urls", "http://127.0.0.1:0"], _fixture.Log,
            new Dictionary<string, string?>
            {
                ["Storage__ConnectionString"] = connection,
                ["Storage__AccountName"] = account,
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
            }, Path.GetDirectoryName(_fixture.Apps.HostDll));

        Assert.Equal(1, await host.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains(host.Lines, l => l.StartsWith("nas-host: invalid configuration: ", StringComparison.Ordinal) && l.Contains(expected, StringComparison.Ordinal));
        Assert.DoesNotContain(host.Lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal) || l.Contains("Unhandled exception", StringComparison.Ordinal));
    }
}
