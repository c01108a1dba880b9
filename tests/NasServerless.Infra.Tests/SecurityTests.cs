using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NasServerless.Infra.Tests.Support;

namespace NasServerless.Infra.Tests;

/// <summary>House rule 13 (no literal secrets) and the pod hardening every workload gets.</summary>
public partial class SecurityTests
{
    public static TheoryData<string> AllTargets => Targets.All;

    /// <summary>Every file of infra/ (less the templates and the git-ignored secret inputs) and the host image's files.</summary>
    private static IEnumerable<string> ScannedFiles()
    {
        var secretInputs = InfraTree.SecretGeneratorInputs().Select(s => s.File).ToHashSet();
        return Directory.GetFiles(RepositoryPaths.Infra, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".example", StringComparison.Ordinal) && !secretInputs.Contains(Path.GetFullPath(f)))
            .Append(Path.Combine(RepositoryPaths.Root, "functions", "NasServerless.Host", "Dockerfile"))
            .Append(Path.Combine(RepositoryPaths.Root, "functions", "NasServerless.Host", "Dockerfile.dockerignore"));
    }

    [Fact]
    public void InfraFiles_HoldNoLiteralSecrets()
    {
        var findings = from file in ScannedFiles()
                       from line in File.ReadLines(file).Select((text, i) => (Text: text, Number: i + 1))
                       from pattern in SecretPatterns.Select(p => (Name: p.ToString(), Match: (Func<string, bool>)p.IsMatch)).Append(("a key-like base64 run", LooksLikeAKey))
                       where pattern.Match(line.Text)
                       select $"{RepositoryPaths.Relative(file)}:{line.Number}: matches {pattern.Name}";
        Expect.None(findings, "literal secrets (keep them in the git-ignored storage.env; see infra/README.md)");
    }

    [Fact]
    public void ExampleFiles_HoldOnlyPlaceholders()
    {
        var examples = Directory.GetFiles(RepositoryPaths.Infra, "*.example", SearchOption.AllDirectories);
        Assert.NotEmpty(examples);
        foreach (var file in examples)
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain(AzuriteWellKnownKeyPrefix, text);
            var values = ExampleSecretValue().Matches(text).Select(m => m.Groups["value"].Value).ToList();
            Assert.NotEmpty(values);
            Expect.None(values.Where(v => !v.StartsWith("REPLACE_WITH_", StringComparison.Ordinal)), $"{RepositoryPaths.Relative(file)}: values that are not placeholders");
        }
    }

    [Fact]
    public void CommittedManifests_DeclareNoSecretsAndTakeSecretSettingsFromSecrets()
    {
        var manifests = InfraTree.ResourceManifests()
            .Concat(InfraTree.PatchFiles().Where(p => !InfraTree.IsJsonPatch(p.File)).SelectMany(p => Yaml.LoadFile(p.File).Select(Manifest.From)))
            .ToList();

        Expect.None(manifests.Where(m => m.Kind == "Secret").Select(m => m.ToString()), "Secret objects in committed files (generate them from a git-ignored file)");
        var literal = from pod in PodTemplates.In(manifests)
                      from container in pod.AllContainers
                      from env in container.Arr("env").Objects()
                      where SecretSetting().IsMatch(env.Str("name") ?? "") && env["value"] is not null
                      select $"{pod.Owner}: {container.Str("name")} sets {env.Str("name")} literally";
        Expect.None(literal, "secret settings must come from valueFrom.secretKeyRef");
        var fromSecrets = from pod in PodTemplates.In(manifests)
                          from container in pod.AllContainers
                          from env in container.Arr("env").Objects()
                          where SecretSetting().IsMatch(env.Str("name") ?? "")
                          select env;
        Assert.All(fromSecrets, env => Assert.NotNull(env.Obj("valueFrom", "secretKeyRef")));
    }

    [Theory]
    [MemberData(nameof(AllTargets))]
    public void Containers_RunAsNonRootOnReadOnlyFilesystemsWithBoundedResources(string target)
    {
        if (Targets.Load(target) is not { } manifests) return;
        var pods = PodTemplates.In(manifests).ToList();
        Assert.NotEmpty(pods);
        Expect.None(pods.SelectMany(HardeningFindings), $"{target}: containers that break the hardening rules");
    }

    [Fact]
    public void EveryWorkloadInAnyFile_IsHardened()
    {
        var pods = PodTemplates.In(InfraTree.ResourceManifests()).ToList();
        Assert.Contains(pods, p => p.Owner.Kind == "StatefulSet");
        Expect.None(pods.SelectMany(HardeningFindings), "containers that break the hardening rules");
    }

    [Theory]
    [MemberData(nameof(AllTargets))]
    public void Host_ServesHealthProbesOnItsHttpPort(string target)
    {
        if (Targets.Load(target) is not { } manifests) return;
        var host = PodTemplates.Of(manifests.Single("Deployment", "nas-host")).Single().Container("host")!;
        var port = host.Arr("ports").Objects().Single(p => p.Str("name") == "http");
        var env = host.Arr("env").Objects().ToDictionary(e => e.Str("name")!, e => e);

        Assert.Equal(8080, port["containerPort"].Long());
        Assert.Equal("http://+:8080", env["Urls"].Str("value"));
        foreach (var probe in new[] { "startupProbe", "readinessProbe" })
        {
            var get = host.Obj(probe, "httpGet") ?? throw new Xunit.Sdk.XunitException($"{target}: the host has no {probe}.httpGet");
            Assert.StartsWith("/api/searches", get.Str("path"));
            Assert.Equal("http", get["port"].Text());
        }
        var liveness = host.Obj("livenessProbe") ?? throw new Xunit.Sdk.XunitException($"{target}: the host has no livenessProbe");
        Assert.Equal("http", (liveness.Obj("tcpSocket") ?? liveness.Obj("httpGet"))?["port"].Text());
    }

    [Theory]
    [MemberData(nameof(AllTargets))]
    public void Host_RunsSeveralReplicasWithStableWorkerIdsAndADisruptionBudget(string target)
    {
        if (Targets.Load(target) is not { } manifests) return;
        var deployment = manifests.Single("Deployment", "nas-host");
        var pod = PodTemplates.Of(deployment).Single();
        var env = pod.Container("host")!.Arr("env").Objects().ToDictionary(e => e.Str("name")!, e => e);
        var replicas = deployment.Object.Obj("spec")!["replicas"].Long() ?? 1;

        Assert.InRange(replicas, 2, 16);
        Assert.Equal("metadata.name", env["Durable__WorkerId"].Obj("valueFrom", "fieldRef")?.Str("fieldPath"));
        Assert.False(string.IsNullOrEmpty(env["Durable__TaskHubName"].Str("value")));
        // Storage: a connection string from a Secret, or (workload identity) an account name.
        Assert.True(env.TryGetValue("Storage__ConnectionString", out var connection)
            ? connection.Obj("valueFrom", "secretKeyRef") is not null && !env.ContainsKey("Storage__AccountName")
            : !string.IsNullOrEmpty(env.GetValueOrDefault("Storage__AccountName")?.Str("value")),
            $"{target}: the host reads neither Storage__ConnectionString from a Secret nor Storage__AccountName alone");
        var budget = Assert.Single(manifests, m => m.Kind == "PodDisruptionBudget" && LabelSelectors.Matches(m.Object.Obj("spec", "selector"), pod.Labels));
        Assert.InRange(budget.Object.Obj("spec")!["minAvailable"].Long() ?? 0, 1, replicas - 1);
    }

    private static IEnumerable<string> HardeningFindings(PodTemplate pod)
    {
        var podContext = pod.Spec.Obj("securityContext") ?? [];
        var owner = pod.Owner.ToString();
        if (pod.Spec["hostNetwork"].IsTrue() || pod.Spec["hostPID"].IsTrue() || pod.Spec["hostIPC"].IsTrue()) yield return $"{owner}: uses host namespaces";
        if (!pod.Spec["automountServiceAccountToken"].IsFalse()) yield return $"{owner}: mounts a service account token (automountServiceAccountToken: false)";
        var volumes = pod.Spec.Arr("volumes").Objects().ToDictionary(v => v.Str("name")!, v => v);
        if (volumes.Values.Any(v => v.ContainsKey("hostPath"))) yield return $"{owner}: hostPath volume";
        if (!(podContext.Obj("seccompProfile")?.Str("type") is "RuntimeDefault" or "Localhost")) yield return $"{owner}: no RuntimeDefault seccomp profile";

        foreach (var container in pod.AllContainers)
        {
            var where = $"{owner} container {container.Str("name")}";
            var context = container.Obj("securityContext") ?? [];
            if (!(context["runAsNonRoot"] ?? podContext["runAsNonRoot"]).IsTrue()) yield return $"{where}: runAsNonRoot is not true";
            if ((context["runAsUser"] ?? podContext["runAsUser"]).Long() == 0) yield return $"{where}: runs as uid 0";
            if (!context["readOnlyRootFilesystem"].IsTrue()) yield return $"{where}: readOnlyRootFilesystem is not true";
            if (!context["allowPrivilegeEscalation"].IsFalse()) yield return $"{where}: allowPrivilegeEscalation is not false";
            if (context["privileged"].IsTrue()) yield return $"{where}: privileged";
            if (!context.Arr("capabilities", "drop").Strings().Contains("ALL")) yield return $"{where}: does not drop ALL capabilities";
            if (context.Arr("capabilities", "add").Count > 0) yield return $"{where}: adds capabilities";
            foreach (var (kind, resource) in new[] { ("requests", "cpu"), ("requests", "memory"), ("limits", "cpu"), ("limits", "memory") })
                if (container.Obj("resources", kind)?[resource] is null) yield return $"{where}: no resources.{kind}.{resource}";
            var tmp = container.Arr("volumeMounts").Objects().FirstOrDefault(m => m.Str("mountPath") == "/tmp");
            if (tmp is null || !volumes.TryGetValue(tmp.Str("name")!, out var volume) || !volume.ContainsKey("emptyDir"))
                yield return $"{where}: no emptyDir at /tmp (the root filesystem is read-only)";
            if (container.Str("image") is not { Length: > 0 }) yield return $"{where}: no image";
        }
    }

    private const string AzuriteWellKnownKeyPrefix = "Eby8vdM02xNOcqFl";

    private static readonly Regex[] SecretPatterns =
    [
        new(@"AccountKey\s*=", RegexOptions.IgnoreCase),
        new(@"SharedAccessSignature\s*=", RegexOptions.IgnoreCase),
        new(@"[?&;]sig=", RegexOptions.IgnoreCase),
        new(@"UseDevelopmentStorage", RegexOptions.IgnoreCase),
        new(AzuriteWellKnownKeyPrefix),
        new(@"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
        new(@"(?i)\b(password|passwd|client_?secret)\s*[:=]\s*\S"),
    ];

    /// <summary>A long run of base64 characters with enough digits and capitals to be a key, not a path or a word.</summary>
    private static bool LooksLikeAKey(string line) =>
        Base64Run().Matches(line).Any(m => m.Value.Count(char.IsDigit) >= 4 && m.Value.Count(char.IsUpper) >= 4 && m.Value.Count(char.IsLower) >= 4);

    [GeneratedRegex(@"(AccountKey=|SharedAccessSignature=|azurite-accounts=[^:\s]+:)(?<value>[^;\s]*)")]
    private static partial Regex ExampleSecretValue();

    [GeneratedRegex(@"(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{40,}={0,2}(?![A-Za-z0-9+/])")]
    private static partial Regex Base64Run();

    [GeneratedRegex(@"(?i)(connectionstring|password|secret|token|accountkey|azurite_accounts)")]
    private static partial Regex SecretSetting();
}
