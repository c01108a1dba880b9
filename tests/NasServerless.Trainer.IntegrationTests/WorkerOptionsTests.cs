using System.ComponentModel.DataAnnotations;
using NasServerless.Trainer.Storage;
using NasServerless.Trainer.Worker;

namespace NasServerless.Trainer.IntegrationTests;

public sealed class WorkerOptionsTests
{
    private static List<ValidationResult> Validate(WorkerOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void Validate_DefaultsWithConnection_Valid() =>
        Assert.Empty(Validate(new WorkerOptions { ConnectionString = AzuriteConnection.ConnectionString() }));

    [Fact]
    public void Validate_AccountNameOnly_Valid() =>
        Assert.Empty(Validate(new WorkerOptions { AccountName = "nasstore", EndpointSuffix = "core.usgovcloudapi.net" }));

    [Fact]
    public void Account_NoStorageSetting_IsAzuriteOnLoopback()
    {
        var options = new WorkerOptions();

        Assert.Empty(Validate(options));
        Assert.Equal(AzuriteConnection.FromEnvironment(), options.Account().ConnectionString);
    }

    [Theory]
    [InlineData("RenewInterval")]
    [InlineData("JobsQueue")]
    [InlineData("ConnectionString")]
    [InlineData("AccountName")]
    [InlineData("EndpointSuffix")]
    [InlineData("CheckpointsToKeep")]
    [InlineData("SameQueues")]
    public void Validate_BadSetting_NamesIt(string setting)
    {
        var options = new WorkerOptions { ConnectionString = "x" };
        switch (setting)
        {
            case "RenewInterval": options.RenewInterval = options.VisibilityTimeout; break;
            case "JobsQueue": options.JobsQueue = "Training_Jobs"; break;
            case "ConnectionString": options.AccountName = "nasstore"; break;
            case "AccountName": options.ConnectionString = null; options.AccountName = "Nas_Store"; break;
            case "EndpointSuffix": options.ConnectionString = null; options.AccountName = "nasstore"; options.EndpointSuffix = "https://core.windows.net"; break;
            case "CheckpointsToKeep": options.CheckpointsToKeep = 1; break;
            case "SameQueues": options.ResultsQueue = options.JobsQueue; setting = "ResultsQueue"; break;
        }

        Assert.Contains(Validate(options), r => r.MemberNames.Contains(setting));
    }

    [Fact]
    public void Validate_ConnectionStringAndAccountName_MessageNamesBothKeys()
    {
        var result = Assert.Single(Validate(new WorkerOptions { ConnectionString = "x", AccountName = "nasstore" }));

        Assert.Contains("Worker:ConnectionString and Worker:AccountName are both set", result.ErrorMessage);
    }

    [Theory]
    [InlineData("{\"a\":1}", "{\"a\":1}")]
    [InlineData("eyJhIjoxfQ==", "{\"a\":1}")]
    [InlineData("not json", "not json")]
    [InlineData("bm90IGpzb24=", "bm90IGpzb24=")]
    public void QueueMessageText_Decode_PlainOrBase64Json(string text, string expected) =>
        Assert.Equal(expected, QueueMessageText.Decode(text));
}
