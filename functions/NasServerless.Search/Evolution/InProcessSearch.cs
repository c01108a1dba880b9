using NasServerless.Search.Evaluation;

namespace NasServerless.Search.Evolution;

/// <summary>
/// Runs a whole island-model NSGA-II search in this process: the reference for what the distributed
/// host must compute. Each generation breeds every island from the state at the generation's start
/// (the islands' populations, the ids evaluated so far and the elite archive of those evaluations),
/// then evaluates offspring island by island in order (that order decides who is cut off when the
/// budget runs out), then selects survivors, updates the archive and migrates.
/// </summary>
public sealed class InProcessSearch<TGenome>(IslandEvolution<TGenome> evolution) where TGenome : notnull
{
    private const int StagnantGenerationsBeforeStop = 5;

    public SearchRun<TGenome> Run(IEvaluator<TGenome> evaluator, IProgress<GenerationReport>? progress = null)
    {
        var options = evolution.Options;
        var ledger = new EvaluationLedger<TGenome>(evaluator, options.EvaluationBudget);
        var islands = Enumerable.Range(0, options.Islands)
            .Select(i => Evaluate(evolution.InitialGenomes(i), ledger))
            .ToList();
        // The elite archive of every evaluation so far (all islands); Archive(Archive(a) ∪ b) = Archive(a ∪ b).
        var archive = evolution.Archive(islands.SelectMany(p => p));
        Report(0);

        var generation = 0;
        var stagnant = 0;
        while (generation < options.Generations && !ledger.Exhausted && stagnant < StagnantGenerationsBeforeStop)
        {
            generation++;
            var spentBefore = ledger.Spent;
            var offspring = islands.Select((population, island) => evolution.Breed(population, archive, island, generation, ledger.IsKnown)).ToList();
            var evaluated = new List<Individual<TGenome>>();
            for (var island = 0; island < islands.Count; island++)
            {
                var children = Evaluate(offspring[island], ledger);
                evaluated.AddRange(children);
                islands[island] = evolution.SelectSurvivors(islands[island], children);
            }
            archive = evolution.Archive(archive.Concat(evaluated));
            if (options.Islands > 1 && generation % options.MigrationInterval == 0)
                islands = Migration.Apply(islands, options).ToList();
            stagnant = ledger.Spent == spentBefore ? stagnant + 1 : 0;
            Report(generation);
        }

        var evaluations = ledger.History.Select(h => new Individual<TGenome>(h.Id, h.Genome, h.Evaluation)).ToList();
        return new SearchRun<TGenome>(options, evaluations, islands, ParetoFront.Of(evaluations, options.SizeObjective), generation, ledger.Reused);

        void Report(int g)
        {
            if (progress is null) return;
            var all = ledger.History.Select(h => new Individual<TGenome>(h.Id, h.Genome, h.Evaluation)).ToList();
            progress.Report(new GenerationReport(g, ledger.Spent, ParetoFront.Of(all, options.SizeObjective).Count, all.Count == 0 ? 0 : all.Max(i => i.Evaluation.Accuracy)));
        }
    }

    /// <summary>Evaluates in order while the budget lasts; genomes past the budget are dropped.</summary>
    private IReadOnlyList<Individual<TGenome>> Evaluate(IReadOnlyList<TGenome> genomes, EvaluationLedger<TGenome> ledger)
    {
        var result = new List<Individual<TGenome>>(genomes.Count);
        foreach (var genome in genomes)
        {
            var id = evolution.Space.Id(genome);
            if (ledger.TryEvaluate(id, genome) is { } evaluation) result.Add(new Individual<TGenome>(id, genome, evaluation));
        }
        return result;
    }
}
