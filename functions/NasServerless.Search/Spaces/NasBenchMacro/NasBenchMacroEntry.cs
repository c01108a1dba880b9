namespace NasServerless.Search.Spaces.NasBenchMacro;

/// <summary>
/// One architecture of NAS-Bench-Macro (Su et al., CVPR 2021): <paramref name="Architecture"/> is 8 digits
/// (0 identity, 1 MBConv k3 e3, 2 MBConv k5 e6), <paramref name="MeanAccuracy"/> the CIFAR-10 test accuracy
/// in percent averaged over three runs, as in the file.
/// </summary>
public sealed record NasBenchMacroEntry(string Architecture, double MeanAccuracy, long Parameters, long Flops);
