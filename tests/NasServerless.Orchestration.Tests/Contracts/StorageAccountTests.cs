using NasServerless.Contracts;

namespace NasServerless.Orchestration.Tests.Contracts;

/// <summary>The one rule for how the host, the Functions app code and the trainers reach their storage account.</summary>
public sealed class StorageAccountTests
{
    private const string Fallback = "UseDevelopmentStorage=true";
    private const string Connection = "DefaultEndpointsProtocol=https;AccountName=nasstore;AccountKey=a2V5;EndpointSuffix=core.windows.net";

    private static StorageAccount Resolve(string? connection, string? account, string? suffix = null) =>
        StorageAccount.Resolve(connection, account, suffix, "Storage", () => Fallback);

    private static IEnumerable<string> Messages(string? connection, string? account, string? suffix = null) =>
        StorageAccount.Validate(connection, account, suffix, "Storage").Select(r => r.ErrorMessage!);

    [Fact]
    public void Resolve_ConnectionString_UsesItWithoutCredential()
    {
        var storage = Resolve(Connection, null);

        Assert.False(storage.UsesTokenCredential);
        Assert.Equal(Connection, storage.ConnectionString);
        Assert.Null(storage.AccountName);
        Assert.Throws<InvalidOperationException>(() => storage.BlobServiceUri);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", "")]
    [InlineData("  ", null)]
    public void Resolve_NeitherSet_UsesTheFallback(string? connection, string? account)
    {
        var storage = Resolve(connection, account);

        Assert.False(storage.UsesTokenCredential);
        Assert.Equal(Fallback, storage.ConnectionString);
    }

    [Fact]
    public void Resolve_SomethingSet_NeverCallsTheFallback()
    {
        // The trainer's fallback reads AZURITE_*_PORT and may throw: only the default may depend on it.
        Func<string> fails = () => throw new FormatException("fallback called");

        Assert.Equal(Connection, StorageAccount.Resolve(Connection, null, null, "Worker", fails).ConnectionString);
        Assert.Equal("nasstore", StorageAccount.Resolve(null, "nasstore", null, "Worker", fails).AccountName);
    }

    [Fact]
    public void Resolve_AccountName_UsesATokenCredentialOnThePublicCloudEndpoints()
    {
        var storage = Resolve(null, "nasstore");

        Assert.True(storage.UsesTokenCredential);
        Assert.Null(storage.ConnectionString);
        Assert.Equal(StorageAccount.DefaultEndpointSuffix, storage.EndpointSuffix);
        Assert.Equal(new Uri("https://nasstore.blob.core.windows.net"), storage.BlobServiceUri);
        Assert.Equal(new Uri("https://nasstore.queue.core.windows.net"), storage.QueueServiceUri);
        Assert.Equal(new Uri("https://nasstore.table.core.windows.net"), storage.TableServiceUri);
        Assert.DoesNotContain("key", storage.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Resolve_AccountNameAndSuffix_UsesTheSuffix()
    {
        var storage = Resolve(null, "nasstore01", "core.chinacloudapi.cn");

        Assert.Equal(new Uri("https://nasstore01.blob.core.chinacloudapi.cn"), storage.BlobServiceUri);
        Assert.Equal(new Uri("https://nasstore01.queue.core.chinacloudapi.cn"), storage.QueueServiceUri);
        Assert.Equal(new Uri("https://nasstore01.table.core.chinacloudapi.cn"), storage.TableServiceUri);
    }

    [Fact]
    public void Validate_BothSet_NamesBothKeysAndTheirMembers()
    {
        var result = Assert.Single(StorageAccount.Validate(Connection, "nasstore", null, "Worker"));

        Assert.Contains("Worker:ConnectionString", result.ErrorMessage);
        Assert.Contains("Worker:AccountName", result.ErrorMessage);
        Assert.Equal(["ConnectionString", "AccountName"], result.MemberNames);
        var thrown = Assert.Throws<ArgumentException>(() => StorageAccount.Resolve(Connection, "nasstore", null, "Worker", () => Fallback));
        Assert.Contains("Worker:ConnectionString and Worker:AccountName", thrown.Message);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("abcdefghijklmnopqrstuvwxy")]
    [InlineData("NasStore")]
    [InlineData("nas-store")]
    [InlineData("nas_store")]
    [InlineData(" nasstore")]
    [InlineData("REPLACE_WITH_STORAGE_ACCOUNT_NAME")]
    public void Validate_BadAccountName_NamesTheKey(string account)
    {
        var message = Assert.Single(Messages(null, account));

        Assert.Contains("Storage:AccountName", message);
        Assert.Contains("3-24 lower-case letters and digits", message);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("abcdefghijklmnopqrstuvwx")]
    [InlineData("nasstore0123")]
    public void Validate_GoodAccountName_Valid(string account) => Assert.Empty(Messages(null, account));

    [Theory]
    [InlineData("https://core.windows.net")]
    [InlineData(".core.windows.net")]
    [InlineData("core.windows.net/")]
    [InlineData("windows")]
    [InlineData("core windows.net")]
    public void Validate_BadEndpointSuffix_NamesTheKey(string suffix)
    {
        var message = Assert.Single(Messages(null, "nasstore", suffix));

        Assert.Contains("Storage:EndpointSuffix", message);
    }

    [Fact]
    public void Validate_SuffixWithoutAccountName_NamesBothKeys()
    {
        var message = Assert.Single(Messages(Connection, null, "core.usgovcloudapi.net"));

        Assert.Contains("Storage:EndpointSuffix is set but Storage:AccountName is not", message);
    }
}
