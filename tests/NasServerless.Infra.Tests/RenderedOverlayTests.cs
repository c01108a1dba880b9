using System.Text;
using System.Text.Json.Nodes;
using NasServerless.Contracts;
using NasServerless.Infra.Tests.Support;

namespace NasServerless.Infra.Tests;

/// <summary>
/// Each overlay built with `kubectl kustomize` (the secret inputs taken from their .example templates): what
/// `kubectl apply -k` would send is strictly valid, self-consistent and namespaced.
/// </summary>
public class RenderedOverlayTests
{
    private const string Namespace = "nasserverless";

    public static TheoryData<string> Overlays => Targets.Overlays;

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Overlay_RendersToStrictlyValidObjects(string overlay)
    {
        if (Targets.Rendered(overlay) is not { } manifests) return;

        Assert.True(manifests.Count >= 10, $"{overlay}: only {manifests.Count} objects");
        Expect.None(manifests.SelectMany(m => ManifestFileTests.Errors(m, checkRequired: true)), $"{overlay}: invalid objects");
        Expect.None(manifests.GroupBy(m => (m.Kind, m.Name)).Where(g => g.Count() > 1).Select(g => $"{g.Key}"), $"{overlay}: duplicates");
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Overlay_PutsEveryObjectInTheRestrictedNamespace(string overlay)
    {
        if (Targets.Rendered(overlay) is not { } manifests) return;

        var ns = manifests.Single("Namespace", Namespace);
        Assert.Equal("restricted", ns.Object.Obj("metadata", "labels")?.Str("pod-security.kubernetes.io/enforce"));
        Expect.None(manifests.Where(m => m.Kind != "Namespace" && m.Namespace != Namespace).Select(m => m.ToString()), $"{overlay}: objects outside {Namespace}");
        Assert.All(manifests, m => Assert.Equal("nasserverless", m.Object.Obj("metadata", "labels")?.Str("app.kubernetes.io/part-of")));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Overlay_ReferencesResolve(string overlay)
    {
        if (Targets.Rendered(overlay) is not { } manifests) return;
        var secrets = manifests.Where(m => m.Kind == "Secret").ToDictionary(m => m.Name, m => m.Object.Obj("data") ?? []);
        var names = manifests.Select(m => (m.Kind, m.Name)).ToHashSet();
        var findings = new List<string>();

        void Secret(string where, string? name, string? key)
        {
            if (name is null || !secrets.TryGetValue(name, out var data)) findings.Add($"{where}: Secret {name} does not exist");
            else if (key is not null && !data.ContainsKey(key)) findings.Add($"{where}: Secret {name} has no key {key}");
        }

        foreach (var pod in PodTemplates.In(manifests))
        {
            var claimTemplates = pod.Owner.Object.Arr("spec", "volumeClaimTemplates").Objects().Select(t => t.Obj("metadata")?.Str("name")).ToHashSet();
            foreach (var container in pod.AllContainers)
                foreach (var env in container.Arr("env").Objects())
                {
                    if (env.Obj("valueFrom", "secretKeyRef") is { } secretRef)
                        Secret($"{pod.Owner} env {env.Str("name")}", secretRef.Str("name"), secretRef.Str("key"));
                    if (env.Obj("valueFrom", "configMapKeyRef") is { } configRef && !names.Contains(("ConfigMap", configRef.Str("name")!)))
                        findings.Add($"{pod.Owner} env {env.Str("name")}: ConfigMap {configRef.Str("name")} does not exist");
                }
            foreach (var volume in pod.Spec.Arr("volumes").Objects())
            {
                if (volume.Obj("secret")?.Str("secretName") is { } secretName) Secret($"{pod.Owner} volume {volume.Str("name")}", secretName, null);
                if (volume.Obj("persistentVolumeClaim")?.Str("claimName") is { } claim && !names.Contains(("PersistentVolumeClaim", claim)))
                    findings.Add($"{pod.Owner}: PersistentVolumeClaim {claim} does not exist");
            }
            foreach (var container in pod.AllContainers)
                foreach (var mount in container.Arr("volumeMounts").Objects())
                    if (!pod.Spec.Arr("volumes").Objects().Any(v => v.Str("name") == mount.Str("name")) && !claimTemplates.Contains(mount.Str("name")))
                        findings.Add($"{pod.Owner}: mount of unknown volume {mount.Str("name")}");
            if (pod.Spec.Str("serviceAccountName") is { } account && !names.Contains(("ServiceAccount", account)))
                findings.Add($"{pod.Owner}: ServiceAccount {account} does not exist");
        }

        foreach (var authentication in manifests.Where(m => m.Kind == "TriggerAuthentication"))
            foreach (var reference in authentication.Object.Arr("spec", "secretTargetRef").Objects())
                Secret(authentication.ToString(), reference.Str("name"), reference.Str("key"));

        var pods = PodTemplates.In(manifests).ToList();
        foreach (var service in manifests.Where(m => m.Kind == "Service"))
        {
            var selected = pods.Where(p => LabelSelectors.Matches(new JsonObject { ["matchLabels"] = service.Object.Obj("spec", "selector")?.DeepClone() }, p.Labels)).ToList();
            if (selected.Count == 0) findings.Add($"{service}: selects no pods");
            foreach (var port in service.Object.Arr("spec", "ports").Objects().Where(p => p.Str("targetPort") is not null))
                if (!selected.Any(p => p.AllContainers.Any(c => c.Arr("ports").Objects().Any(cp => cp.Str("name") == port.Str("targetPort")))))
                    findings.Add($"{service}: no selected container has a port named {port.Str("targetPort")}");
        }
        foreach (var budget in manifests.Where(m => m.Kind == "PodDisruptionBudget"))
            if (!pods.Any(p => LabelSelectors.Matches(budget.Object.Obj("spec", "selector"), p.Labels))) findings.Add($"{budget}: selects no pods");
        foreach (var set in manifests.Where(m => m.Kind == "StatefulSet"))
            if (manifests.FirstOrDefault(m => m.Is("Service", set.Object.Obj("spec")!.Str("serviceName"))) is not { } governing
                || governing.Object.Obj("spec")!.Str("clusterIP") != "None")
                findings.Add($"{set}: its serviceName is not a headless Service");

        Expect.None(findings, $"{overlay}: dangling references");
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Overlay_PinsEveryImageTag(string overlay)
    {
        if (Targets.Rendered(overlay) is not { } manifests) return;
        var images = PodTemplates.In(manifests).SelectMany(p => p.AllContainers).Select(c => c.Str("image")!).ToList();

        Assert.Contains("nas-host:dev", images);
        Assert.Contains("nas-trainer:gpu", images);
        Expect.None(images.Where(i => !(i.Contains('@') || (i.LastIndexOf(':') > i.LastIndexOf('/') && !i.EndsWith(":latest", StringComparison.Ordinal)))),
            $"{overlay}: images without a pinned tag");
    }

    [Fact]
    public void AzuriteOverlay_ConnectionStringPointsAtTheAzuriteService()
    {
        if (Targets.Rendered("azurite") is not { } manifests) return;
        var secret = Assert.Single(manifests, m => m.Kind == "Secret" && m.Name.StartsWith("nas-storage-", StringComparison.Ordinal));
        var data = secret.Object.Obj("data")!;
        var settings = Decode(data["connection-string"]).TrimEnd('\n').Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var accounts = Decode(data["azurite-accounts"]).Trim();
        var service = manifests.Single("Service", "azurite");
        var servicePorts = service.Object.Arr("spec", "ports").Objects().ToDictionary(p => p.Str("name")!, p => p["port"].Long());

        Assert.Equal($"{settings["AccountName"]}:", accounts[..(accounts.IndexOf(':') + 1)]);
        foreach (var (endpoint, portName) in new[] { ("BlobEndpoint", "blob"), ("QueueEndpoint", "queue"), ("TableEndpoint", "table") })
        {
            var uri = new Uri(settings[endpoint]);
            // KEDA's operator runs in another namespace: the host name must be fully qualified.
            Assert.Equal($"azurite.{Namespace}.svc.cluster.local", uri.Host);
            Assert.Equal(servicePorts[portName], uri.Port);
            // The Azure SDK reads the account from the path (not the host name) only on ports 10000-10010.
            Assert.InRange(uri.Port, 10000, 10010);
            Assert.Equal($"/{settings["AccountName"]}", uri.AbsolutePath.TrimEnd('/'));
        }

        var set = manifests.Single("StatefulSet", "azurite");
        var azurite = PodTemplates.Of(set).Single().Container("azurite")!;
        var args = azurite.Arr("args").Strings().ToList();
        Assert.Contains("--disableProductStyleUrl", args);
        Assert.Contains("--skipApiVersionCheck", args);
        foreach (var host in new[] { "--blobHost", "--queueHost", "--tableHost" })
            Assert.Equal("0.0.0.0", args[args.IndexOf(host) + 1]);
        var location = args[args.IndexOf("--location") + 1];
        var dataMount = azurite.Arr("volumeMounts").Objects().Single(m => m.Str("mountPath") == location);
        Assert.Contains(set.Object.Arr("spec", "volumeClaimTemplates").Objects(), t => t.Obj("metadata")?.Str("name") == dataMount.Str("name"));
        var accountsEnv = azurite.Arr("env").Objects().Single(e => e.Str("name") == "AZURITE_ACCOUNTS");
        Assert.Equal(secret.Name, accountsEnv.Obj("valueFrom", "secretKeyRef")?.Str("name"));
        Assert.Equal("azurite-accounts", accountsEnv.Obj("valueFrom", "secretKeyRef")?.Str("key"));
    }

    [Fact]
    public void AzureStorageOverlay_KedaUsesWorkloadIdentity()
    {
        if (Targets.Rendered("azure-storage") is not { } manifests) return;
        var authentication = manifests.Single("TriggerAuthentication", "nas-storage-queue").Object.Obj("spec")!;
        var trigger = manifests.Single("ScaledJob", "nas-trainer").Object.Arr("spec", "triggers").Objects().Single();
        var clientIds = manifests.Where(m => m.Kind == "ServiceAccount")
            .Select(m => m.Object.Obj("metadata", "annotations")?.Str("azure.workload.identity/client-id")).ToList();

        Assert.Null(authentication["secretTargetRef"]);
        Assert.Equal("azure-workload", authentication.Obj("podIdentity")?.Str("provider"));
        Assert.Equal(2, clientIds.Count);
        Assert.All(clientIds, id => Assert.Equal(AzureSetting("clientId"), id));
        Assert.Equal(AzureSetting("clientId"), authentication.Obj("podIdentity")?.Str("identityId"));
        Assert.Equal(AzureSetting("accountName"), trigger.Obj("metadata")?.Str("accountName"));
        Assert.All(PodTemplates.In(manifests), p => Assert.Equal("true", p.Labels["azure.workload.identity/use"].Text()));
        // The settings ConfigMap is kustomize's input only.
        Assert.DoesNotContain(manifests, m => m.Kind == "ConfigMap");
    }

    [Fact]
    public void AzureStorageOverlay_HostAndTrainersUseTheAccountNameAndNoSecret()
    {
        if (Targets.Rendered("azure-storage") is not { } manifests) return;
        var containers = PodTemplates.In(manifests).SelectMany(p => p.AllContainers.Select(c => (Where: $"{p.Owner} container {c.Str("name")}", Container: c))).ToList();
        var env = (string kind, string name, string container) => PodTemplates.Of(manifests.Single(kind, name)).Single().Container(container)!
            .Arr("env").Objects().ToDictionary(e => e.Str("name")!, e => e);
        var host = env("Deployment", "nas-host", "host");
        var trainer = env("ScaledJob", "nas-trainer", "trainer");

        Expect.None(from c in containers
                    from e in c.Container.Arr("env").Objects()
                    where e.Str("name")!.Contains("ConnectionString", StringComparison.OrdinalIgnoreCase) || e.Obj("valueFrom", "secretKeyRef") is not null
                    select $"{c.Where}: {e.Str("name")}", "azure-storage: containers that read a connection string or a Secret");
        Assert.DoesNotContain(containers, c => c.Container.Arr("envFrom").Objects().Any(f => f.ContainsKey("secretRef")));
        Assert.DoesNotContain(manifests, m => m.Kind == "Secret");
        Assert.Equal(AzureSetting("accountName"), host["Storage__AccountName"].Str("value"));
        Assert.Equal(AzureSetting("accountName"), trainer["Worker__AccountName"].Str("value"));
        // DefaultAzureCredential limited to what the webhook provides.
        Assert.All(new[] { host, trainer }, e => Assert.Equal("WorkloadIdentityCredential", e["AZURE_TOKEN_CREDENTIALS"].Str("value")));
        // Left unfilled, the placeholder stops the pods at start with a message naming the key, not a request to a wrong account.
        Assert.Contains(StorageAccount.Validate(null, AzureSetting("accountName"), null, "Storage"), r => r.ErrorMessage!.Contains("Storage:AccountName"));
    }

    /// <summary>A value of the azure-storage overlay's settings (azure-settings.yaml), which the replacements copy into the manifests.</summary>
    private static string AzureSetting(string key) =>
        Yaml.LoadFile(Path.Combine(RepositoryPaths.Infra, "overlays", "azure-storage", "azure-settings.yaml")).Single().Root.AsObject().Obj("data")!.Str(key)!;

    private static string Decode(JsonNode? value) => Encoding.UTF8.GetString(Convert.FromBase64String((value.Text() ?? "").Replace("\n", "")));
}
