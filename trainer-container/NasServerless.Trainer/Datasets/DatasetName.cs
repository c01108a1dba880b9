namespace NasServerless.Trainer.Datasets;

/// <summary>The datasets the trainer can read. Their ids ("mnist", "fashion-mnist", "cifar-10") are folder names and CLI values.</summary>
public enum DatasetName
{
    Mnist,
    FashionMnist,
    Cifar10,
}
