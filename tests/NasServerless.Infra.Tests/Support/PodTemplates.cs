using System.Text.Json.Nodes;

namespace NasServerless.Infra.Tests.Support;

/// <summary>A pod spec inside a workload (Deployment, StatefulSet, Job, CronJob, Pod, KEDA ScaledJob...).</summary>
public sealed record PodTemplate(Manifest Owner, JsonObject Spec, JsonObject Labels)
{
    public IEnumerable<JsonObject> AllContainers => Spec.Arr("containers").Objects().Concat(Spec.Arr("initContainers").Objects());

    public JsonObject? Container(string name) => Spec.Arr("containers").Objects().FirstOrDefault(c => c.Str("name") == name);
}

/// <summary>Finds the pod templates of workloads.</summary>
public static class PodTemplates
{
    public static IEnumerable<PodTemplate> In(IEnumerable<Manifest> manifests) => manifests.SelectMany(Of);

    public static IEnumerable<PodTemplate> Of(Manifest m)
    {
        JsonObject? template = m.Kind switch
        {
            "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" or "Job" => m.Object.Obj("spec", "template"),
            "CronJob" => m.Object.Obj("spec", "jobTemplate", "spec", "template"),
            "ScaledJob" => m.Object.Obj("spec", "jobTargetRef", "template"),
            "Pod" => m.Object,
            _ => null,
        };
        if (template?.Obj("spec") is { } spec)
            yield return new PodTemplate(m, spec, template.Obj("metadata", "labels") ?? []);
    }
}

/// <summary>Label selectors (matchLabels and matchExpressions), as NetworkPolicies and PDBs use them.</summary>
public static class LabelSelectors
{
    public static bool Matches(JsonObject? selector, JsonObject labels)
    {
        if (selector is null) return false;
        foreach (var (key, value) in selector.Obj("matchLabels") ?? [])
            if (labels[key].Text() != value.Text()) return false;
        foreach (var expression in selector.Arr("matchExpressions").Objects())
        {
            var key = expression.Str("key")!;
            var values = expression.Arr("values").Strings().ToHashSet();
            var actual = labels[key].Text();
            var ok = expression.Str("operator") switch
            {
                "In" => actual is not null && values.Contains(actual),
                "NotIn" => actual is null || !values.Contains(actual),
                "Exists" => actual is not null,
                "DoesNotExist" => actual is null,
                var op => throw new InvalidDataException($"Unknown selector operator {op}"),
            };
            if (!ok) return false;
        }
        return true;
    }
}
