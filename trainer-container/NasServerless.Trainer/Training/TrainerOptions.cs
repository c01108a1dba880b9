using System.ComponentModel.DataAnnotations;

namespace NasServerless.Trainer.Training;

/// <summary>How this process trains candidates (the job's budget says how much).</summary>
public sealed class TrainerOptions
{
    public const string SectionName = "Trainer";

    /// <summary>
    /// <c>auto</c> (a GPU when libtorch sees one, else the CPU), <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>; see
    /// <see cref="TrainingDevice"/>. Resumed runs are bit-identical to uninterrupted ones on the CPU only.
    /// </summary>
    [Required, RegularExpression(TrainingDevice.Pattern, ErrorMessage = "Device must be auto, cpu, cuda or cuda:N.")]
    public string Device { get; set; } = TrainingDevice.Auto;

    /// <summary>libtorch intra-op threads (<c>torch.set_num_threads</c>). One per worker: under contention 2 threads are slower than 1.</summary>
    [Range(1, 256)]
    public int Threads { get; set; } = 1;

    /// <summary>
    /// Seeds the train/validation split and the training subset. The same for every candidate, so that fitness values
    /// are comparable; the job's seed drives weight initialisation, data order, dropout and augmentation.
    /// </summary>
    [Range(0, long.MaxValue)]
    public long DataSeed { get; set; }

    /// <summary>Test images evaluated after training (the first ones of the official test set); 0 skips the test set.</summary>
    [Range(0, 1_000_000)]
    public int TestImages { get; set; } = 10_000;

    /// <summary>Batch size of validation and test inference.</summary>
    [Range(1, 65_536)]
    public int EvaluationBatchSize { get; set; } = 500;

    /// <summary>A step loss above this (cross-entropy of 10 classes starts near 2.3) counts as divergence and fails the candidate.</summary>
    [Range(1.0, 1e12)]
    public double DivergenceLoss { get; set; } = 1000;

    /// <summary>Random crop and horizontal flip for CIFAR-10 training batches.</summary>
    public bool AugmentCifar { get; set; } = true;

    /// <summary>Every problem with these options, each naming the property; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage ?? string.Join(", ", r.MemberNames))];
    }

    public TrainerOptions EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0) throw new ArgumentException("Invalid trainer options: " + string.Join("; ", errors));
        return this;
    }
}
