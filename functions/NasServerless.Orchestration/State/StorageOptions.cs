using System.ComponentModel.DataAnnotations;

namespace NasServerless.Orchestration.State;

/// <summary>The storage account (or Azurite) holding search state, results and the training queues.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Azurite on loopback by default, as the local run uses it.</summary>
    public const string DevelopmentConnectionString = "UseDevelopmentStorage=true";

    [Required]
    public string ConnectionString { get; set; } = DevelopmentConnectionString;
}
