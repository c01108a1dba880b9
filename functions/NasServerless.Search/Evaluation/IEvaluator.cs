namespace NasServerless.Search.Evaluation;

/// <summary>Evaluates one genome in process (a table lookup, or training on this machine).</summary>
public interface IEvaluator<in TGenome>
{
    Evaluation Evaluate(TGenome genome);
}
