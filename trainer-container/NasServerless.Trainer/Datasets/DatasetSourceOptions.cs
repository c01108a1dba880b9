using System.ComponentModel.DataAnnotations;

namespace NasServerless.Trainer.Datasets;

/// <summary>
/// Where datasets are read from. Today a local folder laid out like <c>shared/datasets</c>:
/// <c>{LocalRoot}/{id}/...</c> plus a <c>SHA256SUMS</c> manifest at the root listing every file.
/// (A blob container, <c>datasets/{id}/...</c> downloaded once into a local cache, comes later.)
/// </summary>
public sealed class DatasetSourceOptions
{
    public const string SectionName = "Datasets";

    /// <summary>The folder that holds one sub-folder per dataset and the manifest.</summary>
    [Required]
    public string LocalRoot { get; set; } = "";

    /// <summary>The SHA-256 manifest, relative to <see cref="LocalRoot"/> (or absolute).</summary>
    [Required]
    public string Manifest { get; set; } = "SHA256SUMS";

    /// <summary>Verify every file against the manifest before reading it. Off only for experiments.</summary>
    public bool VerifyChecksums { get; set; } = true;

    public string ManifestPath => Path.Combine(LocalRoot, Manifest);
}
