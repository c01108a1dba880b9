using System.ComponentModel.DataAnnotations;
using NasServerless.Contracts;

namespace NasServerless.Orchestration.State;

/// <summary>
/// The storage account (or Azurite) holding search state, results, the training queues and the standalone host's task
/// hub: <c>Storage__ConnectionString</c>, or <c>Storage__AccountName</c> (and, outside Azure's public cloud,
/// <c>Storage__EndpointSuffix</c>) for a token credential. With neither, Azurite on loopback
/// (<see cref="StorageAccount"/> holds the rule).
/// </summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string SectionName = "Storage";

    /// <summary>Azurite on loopback, as the local run uses it: what applies when neither key is set.</summary>
    public const string DevelopmentConnectionString = "UseDevelopmentStorage=true";

    /// <summary>An account key, SAS or Azurite connection string. Excludes <see cref="AccountName"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The account reached with the DI-registered <c>TokenCredential</c> (workload identity in the cluster).</summary>
    public string? AccountName { get; set; }

    /// <summary>DNS suffix of the account's endpoints with <see cref="AccountName"/>; default <see cref="StorageAccount.DefaultEndpointSuffix"/>.</summary>
    public string? EndpointSuffix { get; set; }

    public StorageAccount Account() => StorageAccount.Resolve(ConnectionString, AccountName, EndpointSuffix, SectionName, () => DevelopmentConnectionString);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        StorageAccount.Validate(ConnectionString, AccountName, EndpointSuffix, SectionName);
}
