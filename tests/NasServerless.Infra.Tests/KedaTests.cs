using NasServerless.Contracts;
using NasServerless.Infra.Tests.Support;

namespace NasServerless.Infra.Tests;

/// <summary>The trainer ScaledJob and its TriggerAuthentication: KEDA's schema, then what KEDA checks only at run time.</summary>
public class KedaTests
{
    /// <summary>The azure-queue scaler's metadata keys (pkg/scalers/azure_queue_scaler.go), minus `connection` (a secret's place).</summary>
    private static readonly string[] AzureQueueMetadataKeys =
        ["queueName", "queueLength", "activationQueueLength", "queueLengthStrategy", "connectionFromEnv", "accountName", "endpointSuffix", "cloud"];

    public static TheoryData<string> AllTargets => Targets.All;

    [Theory]
    [MemberData(nameof(AllTargets))]
    public void KedaObjects_MatchTheCrdSchemas(string target)
    {
        if (Targets.Load(target) is not { } manifests) return;
        var keda = manifests.Where(KedaSchemas.Covers).ToList();

        Assert.Contains(keda, m => m.Kind == "ScaledJob");
        Assert.Contains(keda, m => m.Kind == "TriggerAuthentication");
        Expect.None(keda.SelectMany(m => KedaSchemas.Validate(m).Select(e => $"{m}: {e}")), $"{target}: KEDA objects the API server would reject or prune");
    }

    [Theory]
    [MemberData(nameof(AllTargets))]
    public void TrainerScaledJob_ScalesOnTheTrainingJobsQueue(string target)
    {
        if (Targets.Load(target) is not { } manifests) return;
        var trigger = Assert.Single(manifests.Single("ScaledJob", "nas-trainer").Object.Arr("spec", "triggers").Objects());
        var metadata = trigger.Obj("metadata")!;

        Assert.Equal("azure-queue", trigger.Str("type"));
        Assert.Equal(StorageNames.JobsQueue, metadata.Str("queueName"));
        Assert.Equal("1", metadata.Str("queueLength"));
        Assert.True(int.TryParse(metadata.Str("activationQueueLength") ?? "0", out var activation) && activation >= 0);
        // Running trainers hold their messages invisible: count only the visible ones, as the accurate strategy expects.
        Assert.Equal("visibleonly", metadata.Str("queueLengthStrategy"));
        Expect.None(metadata.Select(p => p.Key).Except(AzureQueueMetadataKeys).Select(k => $"metadata.{k}"), $"{target}: keys the azure-queue scaler does not read (or a connection string in place)");
    }

    [Theory]
    [MemberData(nameof(AllTargets))]
    public void TrainerScaledJob_ScalesAccuratelyAndRollsOutGradually(string target)
    {
        if (Targets.Load(target) is not { } manifests) return;
        var spec = manifests.Single("ScaledJob", "nas-trainer").Object.Obj("spec")!;

        Assert.Equal("accurate", spec.Obj("scalingStrategy")?.Str("strategy"));
        Assert.Equal("gradual", spec.Obj("rollout")?.Str("strategy"));
        Assert.InRange(spec["maxReplicaCount"].Long() ?? 0, 1, 1000);
        Assert.Equal(0, spec["minReplicaCount"].Long() ?? 0);
        Assert.InRange(spec["successfulJobsHistoryLimit"].Long() ?? -1, 1, 100);
        Assert.InRange(spec["failedJobsHistoryLimit"].Long() ?? -1, 1, 100);
        Assert.InRange(spec["pollingInterval"].Long() ?? 30, 1, 30);
    }

    [Theory]
    [MemberData(nameof(AllTargets))]
    public void TrainerScaledJob_RunsTheWorkerOncePerPodOnOneGpu(string target)
    {
        if (Targets.Load(target) is not { } manifests) return;
        var job = manifests.Single("ScaledJob", "nas-trainer");
        var jobSpec = job.Object.Obj("spec", "jobTargetRef")!;
        var pod = Assert.Single(PodTemplates.Of(job));
        var trainer = pod.Container("trainer") ?? throw new Xunit.Sdk.XunitException("no container 'trainer'");

        Assert.InRange(jobSpec["activeDeadlineSeconds"].Long() ?? 0, 3600, 7 * 24 * 3600);
        Assert.Equal(1, jobSpec["parallelism"].Long() ?? 1);
        Assert.Equal(1, jobSpec["completions"].Long() ?? 1);
        Assert.InRange(jobSpec["backoffLimit"].Long() ?? 6, 0, 3);
        Assert.Equal("Never", pod.Spec.Str("restartPolicy"));
        // The worker allows itself 25 s to checkpoint and release its job after SIGTERM.
        Assert.InRange(pod.Spec["terminationGracePeriodSeconds"].Long() ?? 30, 30, 600);
        // The image's entrypoint is `nas-trainer worker`; one job per pod.
        Assert.Null(trainer["command"]);
        Assert.Contains("--once", trainer.Arr("args").Strings());
        Assert.Equal("1", trainer.Obj("resources", "limits")?["nvidia.com/gpu"].Text());
        if (trainer.Obj("resources", "requests")?["nvidia.com/gpu"] is { } request) Assert.Equal("1", request.Text());
        Assert.Contains(pod.Spec.Arr("tolerations").Objects(), t => t.Str("key") == "nvidia.com/gpu");
        // The GPU the pod reserves is the one it trains on, and a pod without it fails at start.
        Assert.Contains(trainer.Arr("env").Objects(), e => e.Str("name") == "Trainer__Device" && e.Str("value") == "cuda");
    }

    [Theory]
    [MemberData(nameof(AllTargets))]
    public void ScaledJobTriggers_ReferenceTriggerAuthenticationsThatExist(string target)
    {
        if (Targets.Load(target) is not { } manifests) return;
        var authentications = manifests.Where(m => m.Kind == "TriggerAuthentication").Select(m => (string?)m.Name).ToHashSet();

        foreach (var job in manifests.Where(m => m.Kind == "ScaledJob"))
            foreach (var trigger in job.Object.Arr("spec", "triggers").Objects())
            {
                var reference = trigger.Obj("authenticationRef") ?? throw new Xunit.Sdk.XunitException($"{job}: trigger without authenticationRef");
                Assert.Equal("TriggerAuthentication", reference.Str("kind") ?? "TriggerAuthentication");
                Assert.Contains(reference.Str("name"), authentications);
            }
    }

    [Theory]
    [MemberData(nameof(AllTargets))]
    public void TriggerAuthentications_UseASecretReferenceOrWorkloadIdentity(string target)
    {
        if (Targets.Load(target) is not { } manifests) return;
        foreach (var authentication in manifests.Where(m => m.Kind == "TriggerAuthentication"))
        {
            var spec = authentication.Object.Obj("spec")!;
            Expect.None(spec.Select(p => p.Key).Except(["secretTargetRef", "podIdentity"]), $"{authentication}: other ways to authenticate");
            foreach (var reference in spec.Arr("secretTargetRef").Objects())
            {
                Assert.Equal("connection", reference.Str("parameter"));
                Assert.StartsWith("nas-storage", reference.Str("name"));
                Assert.Equal("connection-string", reference.Str("key"));
            }
            if (spec.Obj("podIdentity") is { } identity)
            {
                Assert.Equal("azure-workload", identity.Str("provider"));
                Assert.Empty(spec.Arr("secretTargetRef"));
                // Without a connection string, the scaler finds the queue by account name.
                foreach (var trigger in TriggersUsing(manifests, authentication.Name))
                    Assert.False(string.IsNullOrEmpty(trigger.Obj("metadata")?.Str("accountName")), $"{authentication}: a trigger using it has no accountName");
            }
            Assert.True(spec.ContainsKey("secretTargetRef") || spec.ContainsKey("podIdentity"), $"{authentication}: no authentication");
        }
    }

    private static IEnumerable<System.Text.Json.Nodes.JsonObject> TriggersUsing(IReadOnlyList<Manifest> manifests, string authentication) =>
        manifests.Where(m => m.Kind == "ScaledJob")
            .SelectMany(m => m.Object.Arr("spec", "triggers").Objects())
            .Where(t => t.Obj("authenticationRef")?.Str("name") == authentication);
}
