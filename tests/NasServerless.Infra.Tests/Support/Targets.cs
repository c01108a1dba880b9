namespace NasServerless.Infra.Tests.Support;

/// <summary>
/// What the semantic checks look at: the base as written (no kubectl needed) and each overlay as kustomize
/// renders it (what `kubectl apply -k` would send).
/// </summary>
public static class Targets
{
    public const string Base = "base";

    public static TheoryData<string> All => new(Base, "overlays/azurite", "overlays/azure-storage");

    public static TheoryData<string> Overlays => new(InfraTree.OverlayNames);

    /// <summary>The objects of a target; null for an overlay when rendering was switched off (NAS_INFRA_SKIP_RENDER=1).</summary>
    public static IReadOnlyList<Manifest>? Load(string target) =>
        target == Base ? InfraTree.Base.AccumulatedResources() : KustomizeRenderer.Render(target["overlays/".Length..]);

    public static IReadOnlyList<Manifest>? Rendered(string overlay) => KustomizeRenderer.Render(overlay);

    public static Manifest Single(this IReadOnlyList<Manifest> manifests, string kind, string name) =>
        manifests.SingleOrDefault(m => m.Is(kind, name)) ?? throw new Xunit.Sdk.XunitException($"No {kind}/{name} among {string.Join(", ", manifests)}");
}
