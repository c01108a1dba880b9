using System.Text.Json.Nodes;
using NasServerless.Infra.Tests.Support;

namespace NasServerless.Infra.Tests;

/// <summary>The checkers themselves catch the mistakes the other tests rely on them to catch.</summary>
public class ValidatorSelfTests
{
    private const string ScaledJob = """
        apiVersion: keda.sh/v1alpha1
        kind: ScaledJob
        metadata:
          name: sample
        spec:
          jobTargetRef:
            template:
              spec:
                containers:
                  - name: worker
                    image: worker:1
          triggers:
            - type: azure-queue
              metadata:
                queueName: training-jobs
                queueLength: "1"
        """;

    [Fact]
    public void Yaml_PlainAndQuotedScalars_ReadAsKubernetesReadsThem()
    {
        var root = Yaml.Load("a: 1\nb: \"1\"\nc: yes\nd: 'on'\ne: 1.5\nf: ~\ng: 0x1F\n", "test").Single().Root.AsObject();

        Assert.Equal(1L, root["a"]!.GetValue<long>());
        Assert.Equal("1", root["b"]!.GetValue<string>());
        Assert.True(root["c"]!.GetValue<bool>());
        Assert.Equal("on", root["d"]!.GetValue<string>());
        Assert.Equal(1.5, root["e"]!.GetValue<double>());
        Assert.Null(root["f"]);
        Assert.Equal(31L, root["g"]!.GetValue<long>());
    }

    [Fact]
    public void Yaml_DuplicateKey_Throws()
    {
        Assert.ThrowsAny<Exception>(() => Yaml.Load("a: 1\na: 2\n", "test"));
    }

    [Fact]
    public void Yaml_SeveralDocuments_SplitOnSeparatorLines()
    {
        var documents = Yaml.Load("# header\n---\na: 1\n---\n# only a comment\n---\nb: 2\n", "test");

        Assert.Equal(2, documents.Count);
        Assert.Contains("b: 2", documents[1].Text);
    }

    [Fact]
    public void StrictLoader_MisspelledDeploymentField_Throws()
    {
        var manifest = Manifest.From(Yaml.Load("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  replica: 2\n", "test").Single());

        var error = Assert.Throws<InvalidDataException>(() => KubernetesModels.LoadStrict(manifest));
        Assert.Contains("replica", error.Message);
    }

    [Fact]
    public void StrictLoader_UnknownKind_Throws()
    {
        var manifest = Manifest.From(Yaml.Load("apiVersion: apps/v1\nkind: Deploymnet\nmetadata:\n  name: x\n", "test").Single());

        Assert.False(KubernetesModels.IsBuiltIn(manifest.ApiVersion, manifest.Kind));
        Assert.Throws<InvalidDataException>(() => KubernetesModels.LoadStrict(manifest));
    }

    [Fact]
    public void CrdValidator_WellFormedScaledJob_HasNoErrors()
    {
        Assert.Empty(KedaSchemas.Validate(Load(ScaledJob)));
    }

    [Theory]
    [InlineData("  maxReplicas: 4\n", "maxReplicas")]
    [InlineData("  scalingStrategy:\n    strategy: fastest\n", "fastest")]
    [InlineData("  rollout:\n    strategy: gradual\n    propagation: foreground\n", "propagation")]
    [InlineData("  pollingInterval: \"10\"\n", "pollingInterval")]
    public void CrdValidator_ScaledJobMistake_IsReported(string extraSpec, string expected)
    {
        var errors = KedaSchemas.Validate(Load(ScaledJob.Replace("spec:\n  jobTargetRef:", $"spec:\n{extraSpec}  jobTargetRef:")));

        Assert.Contains(errors, e => e.Contains(expected));
    }

    [Fact]
    public void CrdValidator_IntegerTriggerMetadataValue_IsReported()
    {
        var errors = KedaSchemas.Validate(Load(ScaledJob.Replace("queueLength: \"1\"", "queueLength: 1")));

        Assert.Contains(errors, e => e.Contains("queueLength") && e.Contains("expected string"));
    }

    [Fact]
    public void CrdValidator_UnknownPodField_IsReported()
    {
        var errors = KedaSchemas.Validate(Load(ScaledJob.Replace("image: worker:1", "image: worker:1\n            imagePolicy: Always")));

        Assert.Contains(errors, e => e.Contains("imagePolicy"));
    }

    [Fact]
    public void CrdValidator_UnknownObjectMetaField_IsReported()
    {
        var errors = KedaSchemas.Validate(Load(ScaledJob.Replace("  name: sample", "  name: sample\n  label:\n    a: b")));

        Assert.Contains(errors, e => e.Contains("label"));
    }

    [Fact]
    public void CrdValidator_SecretTargetRefWithoutKey_IsReported()
    {
        var manifest = Load("apiVersion: keda.sh/v1alpha1\nkind: TriggerAuthentication\nmetadata:\n  name: a\nspec:\n  secretTargetRef:\n    - parameter: connection\n      name: s\n");

        Assert.Contains(KedaSchemas.Validate(manifest), e => e.Contains("'key'"));
    }

    [Fact]
    public void CrdValidator_MissingRequiredFieldInAPatch_IsNotReported()
    {
        var patch = Load("apiVersion: keda.sh/v1alpha1\nkind: ScaledJob\nmetadata:\n  name: a\nspec:\n  maxReplicaCount: 3\n");

        Assert.NotEmpty(KedaSchemas.Validate(patch));
        Assert.Empty(KedaSchemas.Validate(patch, checkRequired: false));
    }

    [Fact]
    public void LabelSelectors_MatchLabelsAndExpressions()
    {
        var labels = new JsonObject { ["app"] = "a", ["tier"] = "x" };

        Assert.True(LabelSelectors.Matches(new JsonObject(), labels));
        Assert.True(LabelSelectors.Matches(JsonNode.Parse("""{"matchLabels":{"app":"a"}}""")!.AsObject(), labels));
        Assert.False(LabelSelectors.Matches(JsonNode.Parse("""{"matchLabels":{"app":"b"}}""")!.AsObject(), labels));
        Assert.True(LabelSelectors.Matches(JsonNode.Parse("""{"matchExpressions":[{"key":"tier","operator":"In","values":["x","y"]}]}""")!.AsObject(), labels));
        Assert.False(LabelSelectors.Matches(JsonNode.Parse("""{"matchExpressions":[{"key":"zone","operator":"Exists"}]}""")!.AsObject(), labels));
    }

    private static Manifest Load(string yaml) => Manifest.From(Yaml.Load(yaml, "test").Single());
}
