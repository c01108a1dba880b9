namespace NasServerless.Orchestration.Definitions;

public static class SearchSpaces
{
    public const string LayerList = "layer-list";
    public const string NasBenchMacro = "nas-bench-macro";

    public static readonly IReadOnlyList<string> All = [LayerList, NasBenchMacro];
    public static readonly IReadOnlyList<string> Datasets = ["mnist", "fashion-mnist", "cifar-10"];
}
