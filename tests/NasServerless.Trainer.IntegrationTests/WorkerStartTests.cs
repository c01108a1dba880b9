using NasServerless.Trainer.IntegrationTests.Support;
using Xunit.Abstractions;

namespace NasServerless.Trainer.IntegrationTests;

/// <summary>The built <c>nas-trainer worker</c> given storage settings it cannot use: exit code 1 and a plain message, no stack trace.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WorkerStartTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Worker_ConnectionStringAndAccountName_ExitsOneNamingBothKeys()
    {
        var storage = await StorageScope.CreateAsync(azurite);
        await using var worker = WorkerProcess.Start(storage, output, "both", ["--max-jobs", "1"], new Dictionary<string, string?> { ["Worker__AccountName"] = "nasstore" });

        Assert.Equal(1, await worker.WaitForExitAsync(Bound));
        Assert.Contains(worker.Lines, l => l.StartsWith("worker: invalid configuration:", StringComparison.Ordinal)
            && l.Contains("Worker:ConnectionString and Worker:AccountName are both set", StringComparison.Ordinal));
        Assert.DoesNotContain(worker.Lines, IsStackFrame);
    }

    /// <summary>
    /// The account name alone (no default connection string to collide with) reaches DefaultAzureCredential, limited to
    /// workload identity as in the cluster; without the webhook's variables it cannot sign in, and the worker says so. No
    /// request leaves the machine: the credential gives up before any token exchange.
    /// </summary>
    [Fact]
    public async Task Worker_AccountNameWithoutWorkloadIdentity_ExitsOneWithTheSignInError()
    {
        var storage = await StorageScope.CreateAsync(azurite);
        await using var worker = WorkerProcess.Start(storage, output, "identity", ["--max-jobs", "1"], new Dictionary<string, string?>
        {
            ["Worker__ConnectionString"] = "",
            ["Worker__AccountName"] = "nasstore",
            ["AZURE_TOKEN_CREDENTIALS"] = "WorkloadIdentityCredential",
            ["AZURE_CLIENT_ID"] = "",
            ["AZURE_TENANT_ID"] = "",
            ["AZURE_FEDERATED_TOKEN_FILE"] = "",
        });

        Assert.Equal(1, await worker.WaitForExitAsync(Bound));
        Assert.Contains(worker.Lines, l => l.Contains("cannot go on", StringComparison.Ordinal) && l.Contains("WorkloadIdentityCredential", StringComparison.Ordinal));
        Assert.DoesNotContain(worker.Lines, IsStackFrame);
    }

    private static bool IsStackFrame(string line) => line.TrimStart().StartsWith("at ", StringComparison.Ordinal);
}
