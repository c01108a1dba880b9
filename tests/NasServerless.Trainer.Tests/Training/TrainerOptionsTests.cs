using NasServerless.Trainer.Training;

namespace NasServerless.Trainer.Tests.Training;

public class TrainerOptionsTests
{
    [Fact]
    public void Validate_Defaults_OneThreadAndValid()
    {
        var options = new TrainerOptions();

        Assert.Empty(options.Validate());
        Assert.Equal(1, options.Threads);
    }

    [Fact]
    public void EnsureValid_ZeroThreads_ThrowsNamingTheProperty()
    {
        var error = Assert.Throws<ArgumentException>(() => new TrainerOptions { Threads = 0, EvaluationBatchSize = 0 }.EnsureValid());

        Assert.Contains(nameof(TrainerOptions.Threads), error.Message);
        Assert.Contains(nameof(TrainerOptions.EvaluationBatchSize), error.Message);
    }
}
