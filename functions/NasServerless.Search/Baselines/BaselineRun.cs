using NasServerless.Search.Evaluation;
using NasServerless.Search.Evolution;

namespace NasServerless.Search.Baselines;

internal static class BaselineRun
{
    public static SearchRun<TGenome> From<TGenome>(EvaluationLedger<TGenome> ledger, IReadOnlyList<Individual<TGenome>> population, int steps)
    {
        var evaluations = ledger.History.Select(h => new Individual<TGenome>(h.Id, h.Genome, h.Evaluation)).ToList();
        var options = new EvolutionOptions { EvaluationBudget = ledger.Budget, Islands = 1 };
        return new SearchRun<TGenome>(options, evaluations, [population], ParetoFront.Of(evaluations, SizeObjective.Parameters), steps, ledger.Reused);
    }
}
