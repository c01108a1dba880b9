using NasServerless.Trainer.Training;
using TorchSharp;

namespace NasServerless.Trainer.Tests.Training;

public class TrainingDeviceTests
{
    [Fact]
    public void Resolve_Cpu_IsTheCpu()
    {
        Assert.Equal(DeviceType.CPU, TrainingDevice.Resolve("cpu").type);
        Assert.Equal("cpu", TrainingDevice.Name(TrainingDevice.Resolve("cpu")));
    }

    [Fact]
    public void Resolve_Auto_IsTheFirstGpuExactlyWhenLibtorchSeesOne()
    {
        var device = TrainingDevice.Resolve("auto");

        Assert.Equal(torch.cuda.is_available() ? "cuda:0" : "cpu", TrainingDevice.Name(device));
    }

    /// <summary>On the CPU build (CI, the development machines) asking for a GPU stops with a message saying what to check.</summary>
    [Theory]
    [InlineData("cuda")]
    [InlineData("cuda:0")]
    public void Resolve_Cuda_IsTheGpuWhenThereIsOne_ElseAClearError(string spec)
    {
        if (torch.cuda.is_available())
        {
            Assert.Equal("cuda:0", TrainingDevice.Name(TrainingDevice.Resolve(spec)));
            return;
        }

        var error = Assert.Throws<TrainingDeviceUnavailableException>(() => TrainingDevice.Resolve(spec));

        Assert.Contains($"device '{spec}'", error.Message);
        Assert.Contains("no CUDA device", error.Message);
        Assert.Contains("Trainer:Device=cpu", error.Message);
    }

    [Fact]
    public void Resolve_GpuIndexBeyondTheDevices_ClearError()
    {
        var error = Assert.Throws<TrainingDeviceUnavailableException>(() => TrainingDevice.Resolve("cuda:99"));

        Assert.Contains("cuda:99", error.Message);
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("CUDA")]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    [InlineData("")]
    public void Resolve_UnknownSpelling_ArgumentErrorListingTheChoices(string spec)
    {
        var error = Assert.Throws<ArgumentException>(() => TrainingDevice.Resolve(spec));

        Assert.Contains("auto, cpu, cuda, cuda:N", error.Message);
    }

    [Fact]
    public void TrainerOptions_DeviceDefaultsToAuto_AndRejectsUnknownSpellings()
    {
        Assert.Equal("auto", new TrainerOptions().Device);
        Assert.Empty(new TrainerOptions { Device = "cuda:1" }.Validate());

        var errors = new TrainerOptions { Device = "gpu" }.Validate();

        Assert.Contains(errors, e => e.Contains("Device must be auto, cpu, cuda or cuda:N", StringComparison.Ordinal));
    }
}
