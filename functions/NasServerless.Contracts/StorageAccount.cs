using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace NasServerless.Contracts;

/// <summary>
/// How a component reaches its storage account: by connection string (account key, SAS, Azurite) or by account name
/// with a token credential (Azure workload identity; no secret). The one rule for the host, the Functions app code and
/// the trainers: at most one of <c>ConnectionString</c> and <c>AccountName</c> is set, and with neither the
/// component's fallback connection string (its local default, e.g. Azurite) applies. Empty values count as unset, so
/// an environment variable can clear a value from a lower configuration layer. Free of SDK types: callers build the
/// clients.
/// </summary>
public sealed partial class StorageAccount
{
    /// <summary>Azure's public cloud; other clouds set <c>EndpointSuffix</c> (e.g. <c>core.chinacloudapi.cn</c>).</summary>
    public const string DefaultEndpointSuffix = "core.windows.net";

    private StorageAccount(string? connectionString, string? accountName, string endpointSuffix)
    {
        ConnectionString = connectionString;
        AccountName = accountName;
        EndpointSuffix = endpointSuffix;
    }

    /// <summary>Set in connection-string mode; null when <see cref="UsesTokenCredential"/>.</summary>
    public string? ConnectionString { get; }

    /// <summary>Set in token-credential mode; null in connection-string mode.</summary>
    public string? AccountName { get; }

    public string EndpointSuffix { get; }

    public bool UsesTokenCredential => AccountName is not null;

    public Uri BlobServiceUri => ServiceUri("blob");
    public Uri QueueServiceUri => ServiceUri("queue");
    public Uri TableServiceUri => ServiceUri("table");

    /// <summary>
    /// What the configuration gets wrong: each message names its keys (<c>{section}:AccountName</c>, ...), each result's
    /// member names the properties (<c>ConnectionString</c>, <c>AccountName</c>, <c>EndpointSuffix</c>); empty when valid.
    /// </summary>
    public static IReadOnlyList<ValidationResult> Validate(string? connectionString, string? accountName, string? endpointSuffix, string section)
    {
        const string Connection = "ConnectionString", Account = "AccountName", Suffix = "EndpointSuffix";
        var errors = new List<ValidationResult>();
        if (IsSet(connectionString) && IsSet(accountName))
        {
            errors.Add(new($"{section}:{Connection} and {section}:{Account} are both set; set one: a connection string (account key, SAS or Azurite) " +
                "or an account name (reached with a token credential, e.g. workload identity).", [Connection, Account]));
        }
        if (IsSet(accountName) && !AccountNamePattern().IsMatch(accountName!))
        {
            errors.Add(new($"{section}:{Account} '{accountName}' is not a storage account name: 3-24 lower-case letters and digits.", [Account]));
        }
        if (IsSet(endpointSuffix))
        {
            if (!IsSet(accountName))
            {
                // A connection string carries its own endpoints; a suffix beside it would be silently ignored.
                errors.Add(new($"{section}:{Suffix} is set but {section}:{Account} is not; the suffix applies only to an account name.", [Suffix, Account]));
            }
            if (!EndpointSuffixPattern().IsMatch(endpointSuffix!))
            {
                errors.Add(new($"{section}:{Suffix} '{endpointSuffix}' is not a DNS suffix such as {DefaultEndpointSuffix} (no scheme, no leading dot).", [Suffix]));
            }
        }
        return errors;
    }

    /// <summary>
    /// The account the configuration names. <paramref name="fallbackConnectionString"/> is called only when neither a
    /// connection string nor an account name is set. Throws <see cref="ArgumentException"/> with
    /// <see cref="Validate"/>'s messages when the configuration is invalid.
    /// </summary>
    public static StorageAccount Resolve(string? connectionString, string? accountName, string? endpointSuffix, string section, Func<string> fallbackConnectionString)
    {
        ArgumentNullException.ThrowIfNull(fallbackConnectionString);
        var errors = Validate(connectionString, accountName, endpointSuffix, section);
        if (errors.Count > 0) throw new ArgumentException(string.Join(" ", errors.Select(e => e.ErrorMessage)));

        var suffix = IsSet(endpointSuffix) ? endpointSuffix! : DefaultEndpointSuffix;
        if (IsSet(accountName)) return new StorageAccount(null, accountName, suffix);
        return new StorageAccount(IsSet(connectionString) ? connectionString : fallbackConnectionString(), null, suffix);
    }

    /// <summary>Names the account without its secret, for logs.</summary>
    public override string ToString() => UsesTokenCredential ? $"account {AccountName} ({EndpointSuffix}) with a token credential" : "a connection string";

    private Uri ServiceUri(string service) => AccountName is { } account
        ? new Uri($"https://{account}.{service}.{EndpointSuffix}")
        : throw new InvalidOperationException("A storage account given by connection string has no service URIs here; the SDK reads them from the connection string.");

    private static bool IsSet(string? value) => !string.IsNullOrWhiteSpace(value);

    [GeneratedRegex("^[a-z0-9]{3,24}$")]
    private static partial Regex AccountNamePattern();

    // Labels of letters, digits and inner hyphens, at least two of them: core.windows.net, core.usgovcloudapi.net.
    [GeneratedRegex(@"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$", RegexOptions.IgnoreCase)]
    private static partial Regex EndpointSuffixPattern();
}
