using System.Text.RegularExpressions;
using NasServerless.Contracts;
using NasServerless.Infra.Tests.Support;

namespace NasServerless.Infra.Tests;

/// <summary>Queue and container names in the manifests are the ones in NasServerless.Contracts.StorageNames.</summary>
public partial class StorageNamesTests
{
    private static readonly Dictionary<string, string> WorkerSettings = new()
    {
        ["Worker__JobsQueue"] = StorageNames.JobsQueue,
        ["Worker__ResultsQueue"] = StorageNames.ResultsQueue,
        ["Worker__PoisonQueue"] = StorageNames.PoisonQueue,
        ["Worker__ResultsContainer"] = StorageNames.ResultsContainer,
        ["Worker__CheckpointsContainer"] = StorageNames.CheckpointsContainer,
        ["Worker__SearchesContainer"] = StorageNames.SearchesContainer,
    };

    public static TheoryData<string> AllTargets => Targets.All;

    [Theory]
    [MemberData(nameof(AllTargets))]
    public void TrainerEnvironment_NamesTheContractsQueuesAndContainers(string target)
    {
        if (Targets.Load(target) is not { } manifests) return;
        var trainer = PodTemplates.Of(manifests.Single("ScaledJob", "nas-trainer")).Single().Container("trainer")!;
        var env = trainer.Arr("env").Objects().ToDictionary(e => e.Str("name")!, e => e.Str("value"));

        foreach (var (setting, expected) in WorkerSettings)
            Assert.True(env.TryGetValue(setting, out var value) && value == expected, $"{target}: {setting} should be {expected}, is {value ?? "(unset)"}");
    }

    [Fact]
    public void QueueNamesAnywhereInInfra_AreContractNames()
    {
        string[] queues = [StorageNames.JobsQueue, StorageNames.ResultsQueue, StorageNames.PoisonQueue];
        var files = Directory.GetFiles(RepositoryPaths.Infra, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".md", StringComparison.Ordinal));

        var unknown = files.SelectMany(f => QueueLike().Matches(File.ReadAllText(f)).Select(m => (File: f, Name: m.Value)))
            .Where(x => !queues.Contains(x.Name))
            .Select(x => $"{RepositoryPaths.Relative(x.File)}: {x.Name}");
        Expect.None(unknown, "queue names that StorageNames does not define");
    }

    [Fact]
    public void ContractNames_AreValidAzureQueueAndContainerNames()
    {
        // 3-63 lowercase letters, digits and single hyphens, as Azure Storage and Azurite require.
        foreach (var name in WorkerSettings.Values.Append(StorageNames.DatasetsContainer))
            Assert.Matches("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", name);
    }

    [GeneratedRegex(@"\btraining-[a-z-]*[a-z]\b")]
    private static partial Regex QueueLike();
}
