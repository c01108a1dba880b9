namespace NasServerless.Trainer.Storage;

/// <summary>
/// Azurite's well-known development account on 127.0.0.1. The ports come from <c>AZURITE_BLOB_PORT</c>,
/// <c>AZURITE_QUEUE_PORT</c> and <c>AZURITE_TABLE_PORT</c> (as for <c>scripts/azurite.sh</c>), else 10000-10002.
/// </summary>
public static class AzuriteConnection
{
    public const string AccountName = "devstoreaccount1";

    /// <summary>The published Azurite development key (not a secret).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static string ConnectionString(int blobPort = 10000, int queuePort = 10001, int tablePort = 10002) =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/{AccountName};";

    public static string FromEnvironment() =>
        ConnectionString(Port("AZURITE_BLOB_PORT", 10000), Port("AZURITE_QUEUE_PORT", 10001), Port("AZURITE_TABLE_PORT", 10002));

    private static int Port(string variable, int fallback)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(value)) return fallback;
        return int.TryParse(value, out var port) && port is > 0 and < 65536
            ? port
            : throw new FormatException($"{variable}='{value}' is not a TCP port.");
    }
}
