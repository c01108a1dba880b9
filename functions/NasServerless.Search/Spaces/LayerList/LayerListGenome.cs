namespace NasServerless.Search.Spaces.LayerList;

/// <summary>
/// The paper's search space: an ordered list of layer genes followed by an implicit classifier
/// (flatten → dense to the number of classes), plus training genes.
/// </summary>
public sealed record LayerListGenome(IReadOnlyList<LayerGene> Layers, TrainingGenes Training)
{
    public bool Equals(LayerListGenome? other) =>
        other is not null && Training == other.Training && Layers.SequenceEqual(other.Layers);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Training);
        foreach (var layer in Layers) hash.Add(layer);
        return hash.ToHashCode();
    }
}
