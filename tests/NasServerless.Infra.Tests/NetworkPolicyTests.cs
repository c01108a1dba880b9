using System.Text.Json.Nodes;
using NasServerless.Infra.Tests.Support;

namespace NasServerless.Infra.Tests;

/// <summary>
/// The NetworkPolicies as a whole, per overlay: default deny, the host reachable on its HTTP ports only, storage
/// clients (host, trainers) sending only to DNS and storage, trainers reachable by nobody. Read from the files
/// (policies are not patched), so no kubectl is needed.
/// </summary>
public class NetworkPolicyTests
{
    private const string StorageClientLabel = "nasserverless.io/storage-client";

    public static TheoryData<string> Overlays => Targets.Overlays;

    [Fact]
    public void Namespace_DeniesAllTrafficByDefault()
    {
        var policies = InfraTree.Base.AccumulatedResources().Where(m => m.Kind == "NetworkPolicy");

        Assert.Contains(policies, p =>
            p.Object.Obj("spec", "podSelector") is { Count: 0 }
            && p.Object.Arr("spec", "policyTypes").Strings().Order().SequenceEqual(["Egress", "Ingress"])
            && p.Object.Obj("spec")!["ingress"] is null && p.Object.Obj("spec")!["egress"] is null);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Host_AcceptsTrafficOnlyOnItsHttpPorts(string overlay)
    {
        var manifests = Load(overlay);
        var rules = Rules(manifests, HostLabels(manifests), "Ingress");

        Assert.All(rules, r => Assert.NotEmpty(r.Arr("ports")));
        Assert.Equal(["TCP/7071", "TCP/8080"], rules.SelectMany(Ports).Distinct().Order());
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void StorageClients_SendOnlyToDnsAndStorage(string overlay)
    {
        var manifests = Load(overlay);
        var storagePorts = overlay == "azurite" ? new[] { "TCP/10000", "TCP/10001", "TCP/10002" } : ["TCP/443"];

        foreach (var (who, labels) in new[] { ("host", HostLabels(manifests)), ("trainer", TrainerLabels(manifests)) })
        {
            Assert.Equal("true", labels[StorageClientLabel].Text());
            var rules = Rules(manifests, labels, "Egress");
            Assert.NotEmpty(rules);
            foreach (var rule in rules)
            {
                var ports = Ports(rule).ToList();
                Assert.True(ports.Count > 0, $"{overlay}: a {who} egress rule allows every port");
                var peers = rule.Arr("to").Objects().ToList();
                Assert.True(peers.Count > 0, $"{overlay}: a {who} egress rule allows every destination");
                if (ports.All(p => p.EndsWith("/53", StringComparison.Ordinal)))
                    Assert.All(peers, p => Assert.Equal("kube-system", p.Obj("namespaceSelector", "matchLabels")?.Str("kubernetes.io/metadata.name")));
                else if (overlay == "azurite")
                {
                    Assert.Subset(storagePorts.ToHashSet(), ports.ToHashSet());
                    Assert.All(peers, p => Assert.Equal("azurite", p.Obj("podSelector", "matchLabels")?.Str("app.kubernetes.io/name")));
                }
                else
                {
                    Assert.Subset(storagePorts.ToHashSet(), ports.ToHashSet());
                    Assert.All(peers, p => Assert.Contains("10.0.0.0/8", p.Arr("ipBlock", "except").Strings()));
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Trainers_AcceptNoTraffic(string overlay)
    {
        var manifests = Load(overlay);

        Assert.True(IsIsolated(manifests, TrainerLabels(manifests), "Ingress"));
        Assert.Empty(Rules(manifests, TrainerLabels(manifests), "Ingress"));
    }

    [Fact]
    public void Azurite_AcceptsOnlyStorageClientsAndKedaOnItsPorts()
    {
        var manifests = Load("azurite");
        var labels = PodTemplates.Of(manifests.Single("StatefulSet", "azurite")).Single().Labels;
        var rules = Rules(manifests, labels, "Ingress");

        Assert.NotEmpty(rules);
        foreach (var rule in rules)
        {
            Assert.Subset(new HashSet<string> { "TCP/10000", "TCP/10001", "TCP/10002" }, Ports(rule).ToHashSet());
            Assert.All(rule.Arr("from").Objects(), peer => Assert.True(
                peer.Obj("podSelector", "matchLabels")?.Str(StorageClientLabel) == "true"
                || peer.Obj("namespaceSelector", "matchLabels")?.Str("kubernetes.io/metadata.name") == "keda",
                $"Azurite admits {peer.ToJsonString()}"));
            Assert.NotEmpty(rule.Arr("from"));
        }
        Assert.DoesNotContain(Rules(manifests, labels, "Egress"), r => !Ports(r).All(p => p.EndsWith("/53", StringComparison.Ordinal)));
    }

    private static IReadOnlyList<Manifest> Load(string overlay) =>
        Kustomization.Load(Path.Combine(RepositoryPaths.Infra, "overlays", overlay)).AccumulatedResources();

    private static JsonObject HostLabels(IReadOnlyList<Manifest> manifests) => PodTemplates.Of(manifests.Single("Deployment", "nas-host")).Single().Labels;

    private static JsonObject TrainerLabels(IReadOnlyList<Manifest> manifests) => PodTemplates.Of(manifests.Single("ScaledJob", "nas-trainer")).Single().Labels;

    private static IEnumerable<Manifest> Selecting(IEnumerable<Manifest> manifests, JsonObject labels, string direction) =>
        manifests.Where(m => m.Kind == "NetworkPolicy"
                             && LabelSelectors.Matches(m.Object.Obj("spec", "podSelector"), labels)
                             && PolicyTypes(m).Contains(direction));

    private static bool IsIsolated(IEnumerable<Manifest> manifests, JsonObject labels, string direction) => Selecting(manifests, labels, direction).Any();

    private static List<JsonObject> Rules(IEnumerable<Manifest> manifests, JsonObject labels, string direction)
    {
        Assert.True(IsIsolated(manifests, labels, direction), $"no NetworkPolicy isolates {labels.ToJsonString()} for {direction}");
        return Selecting(manifests, labels, direction).SelectMany(p => p.Object.Arr("spec", direction.ToLowerInvariant()).Objects()).ToList();
    }

    private static IEnumerable<string> PolicyTypes(Manifest policy)
    {
        var declared = policy.Object.Arr("spec", "policyTypes").Strings().ToList();
        if (declared.Count > 0) return declared;
        return policy.Object.Obj("spec")!.ContainsKey("egress") ? ["Ingress", "Egress"] : ["Ingress"];
    }

    private static IEnumerable<string> Ports(JsonObject rule) =>
        rule.Arr("ports").Objects().Select(p => $"{p.Str("protocol") ?? "TCP"}/{p["port"].Text()}");
}
