using System.Text.Json.Nodes;
using NasServerless.Functions.Tests.Support;

namespace NasServerless.Functions.Tests;

public class HostJsonTests
{
    private static JsonNode Extensions => FunctionsAppOutput.HostJson["extensions"]!;

    [Fact]
    public void HostJson_InAppOutput_IsFunctionsV2Schema() =>
        Assert.Equal("2.0", FunctionsAppOutput.HostJson["version"]!.GetValue<string>());

    [Fact]
    public void HostJson_DurableTask_NamesItsOwnHub() =>
        Assert.Matches("^[A-Za-z][A-Za-z0-9]{2,44}$", Extensions["durableTask"]!["hubName"]!.GetValue<string>());

    [Fact]
    public void HostJson_AzureStorageProvider_IsTunedForFastRecoveryLikeTheStandaloneHost()
    {
        var provider = Extensions["durableTask"]!["storageProvider"]!;

        Assert.Equal(4, provider["partitionCount"]!.GetValue<int>());
        Assert.Equal(TimeSpan.FromSeconds(20), TimeSpan.Parse(provider["controlQueueVisibilityTimeout"]!.GetValue<string>()));
        Assert.Equal(TimeSpan.FromSeconds(20), TimeSpan.Parse(provider["workItemQueueVisibilityTimeout"]!.GetValue<string>()));
        Assert.Equal(TimeSpan.FromSeconds(1), TimeSpan.Parse(provider["maxQueuePollingInterval"]!.GetValue<string>()));
    }

    [Fact]
    public void HostJson_DurableConcurrency_IsBounded()
    {
        var durable = Extensions["durableTask"]!;

        Assert.InRange(durable["maxConcurrentActivityFunctions"]!.GetValue<int>(), 1, 100);
        Assert.InRange(durable["maxConcurrentOrchestratorFunctions"]!.GetValue<int>(), 1, 100);
    }

    [Fact]
    public void HostJson_Queues_ReadPlainTextMessagesAndPollEverySecond()
    {
        var queues = Extensions["queues"]!;

        Assert.Equal("none", queues["messageEncoding"]!.GetValue<string>());
        Assert.Equal(TimeSpan.FromSeconds(1), TimeSpan.Parse(queues["maxPollingInterval"]!.GetValue<string>()));
        Assert.InRange(queues["maxDequeueCount"]!.GetValue<int>(), 1, 10);
    }
}
