using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using NasServerless.Orchestration.Engine;
using NasServerless.Contracts;
using NasServerless.Orchestration.Messages;
using NasServerless.Orchestration.Reports;
using NasServerless.Orchestration.State;
using NasServerless.Search.Evaluation;
using NasServerless.Search.Evolution;

namespace NasServerless.Orchestration.Activities;

/// <summary>
/// Closes a generation after every island selected: records which architectures are now evaluated,
/// migrates every m generations, updates the front and its plot, and says whether the search is done. Every output
/// is derived from the previous generation's documents, so running it twice changes nothing.
/// </summary>
[DurableTask(nameof(CompleteGeneration))]
public sealed class CompleteGeneration(SearchStore store, SearchContextCache contexts, ILogger<CompleteGeneration> logger)
    : TaskActivity<CompleteGenerationInput, GenerationSummary>
{
    /// <summary>Same rule as the in-process search: stop after this many generations without a new architecture.</summary>
    private const int StagnantGenerationsBeforeStop = 5;

    public override async Task<GenerationSummary> RunAsync(TaskActivityContext context, CompleteGenerationInput input)
    {
        var search = await contexts.GetAsync(input.SearchId);
        var options = search.Definition.Evolution;
        var g = input.Generation;
        var plan = await store.GetPlanAsync(input.SearchId, g);
        var newCandidates = plan.Islands.SelectMany(i => i).Where(c => c.Disposition == CandidateDisposition.New).ToList();
        var evaluated = (await store.GetEvaluatedAsync(input.SearchId, g - 1)).Concat(newCandidates.Select(c => c.Id)).ToList();
        await store.SaveEvaluatedAsync(input.SearchId, g, evaluated);

        var refs = input.PopulationRefs;
        if (options.Islands > 1 && g > 0 && g % options.MigrationInterval == 0)
        {
            var populations = await Task.WhenAll(refs.Select(store.GetPopulationAsync));
            var migrated = search.Engine.Migrate(populations);
            refs = await Task.WhenAll(migrated.Select((p, island) => store.SavePopulationAsync(SearchPaths.MigratedPopulation(input.SearchId, g, island), p)));
        }

        var front = await UpdateFrontAsync(search, g, evaluated.Count, newCandidates);
        var stagnant = newCandidates.Count == 0 ? input.StagnantGenerations + 1 : 0;
        var exhausted = options.EvaluationBudget is { } budget && evaluated.Count >= budget;
        var done = g >= options.Generations || exhausted || stagnant >= StagnantGenerationsBeforeStop;
        logger.LogInformation(
            "Generation {Generation} of {SearchId} complete: {Evaluations} evaluations, front {FrontSize}, best {BestAccuracy:P2}, done {Done}",
            g, input.SearchId, evaluated.Count, front.Members.Count, front.Members.Count == 0 ? 0 : front.Members.Max(m => m.ValidationAccuracy), done);
        return new GenerationSummary(g, options.Generations, refs, evaluated.Count, newCandidates.Count, front.Failed, front.Members.Count,
            front.Members.Count == 0 ? 0 : front.Members.Max(m => m.ValidationAccuracy), stagnant, done);
    }

    /// <summary>front(g) = front(front(g-1) ∪ results of generation g's new architectures).</summary>
    private async Task<FrontDocument> UpdateFrontAsync(SearchContext search, int generation, int evaluations, IReadOnlyList<PlannedCandidateDocument> newCandidates)
    {
        var previous = generation == 0 ? null : await store.GetFrontAsync(search.SearchId, generation - 1);
        var results = await Task.WhenAll(newCandidates.Select(async c => (Candidate: c, Result: await store.GetResultAsync(search.SearchId, c.Id))));
        var fresh = results.Where(r => r.Result is not null).Select(r => (Member: new PopulationMember(r.Candidate.Id, r.Candidate.Genome, r.Result!.ToEvaluation()), r.Result)).ToList();
        // The elite archive the next generation breeds from, as the in-process search keeps it: archive(g) = Archive(archive(g-1) ∪ new results of g).
        var previousArchive = generation == 0 ? [] : await store.GetArchiveAsync(search.SearchId, generation - 1) ?? [];
        await store.SaveArchiveAsync(search.SearchId, generation, search.Engine.Archive(previousArchive.Concat(fresh.Select(f => f.Member))));
        var pool = (previous?.Members.Select(m => new PopulationMember(m.CandidateId, m.Genome, new Evaluation(m.ValidationAccuracy, m.Parameters, m.Flops))) ?? [])
            .Concat(fresh.Select(f => f.Member));
        var details = fresh.ToDictionary(f => f.Member.Id, f => f.Result!);
        var previousDetails = previous?.Members.ToDictionary(m => m.CandidateId) ?? [];
        var members = search.Engine.Front(pool).Select(m => details.TryGetValue(m.Id, out var r)
                ? new FrontMember(m.Id, m.Genome, r.ValidationAccuracy, r.TestAccuracy, r.Parameters, r.Flops, r.WeightsBlob)
                : previousDetails[m.Id])
            .ToList();
        var failed = (previous?.Failed ?? 0) + fresh.Count(f => f.Result!.Failed);
        var front = new FrontDocument(generation, evaluations, failed, members);
        await SavePlotAsync(search, front, fresh.Select(f => f.Result!).ToList());
        await store.SaveFrontAsync(search.SearchId, front);
        return front;
    }

    /// <summary>
    /// points(g) = points(g-1) ∪ the successful results of generation g's new architectures, so the plot shows everything
    /// evaluated without reading every result blob again; then <c>front.svg</c> is drawn from the front and those points
    /// (written before <c>front.json</c>, so a front document always has its plot).
    /// </summary>
    private async Task SavePlotAsync(SearchContext search, FrontDocument front, IReadOnlyList<TrainingResult> fresh)
    {
        // A search started before points were kept has none for earlier generations; its plot shows what was evaluated since.
        var previous = front.Generation == 0 ? [] : await store.GetPointsAsync(search.SearchId, front.Generation - 1) ?? [];
        var points = previous
            .Concat(fresh.Where(r => !r.Failed).Select(r => new EvaluatedPoint(r.CandidateId, r.ValidationAccuracy, r.Parameters, r.Flops)))
            .DistinctBy(p => p.CandidateId)
            .ToList();
        await store.SavePointsAsync(search.SearchId, front.Generation, points);
        var definition = search.Definition;
        await store.SaveFrontPlotAsync(search.SearchId, FrontPlot.Render(search.SearchId, definition.Name, definition.Evolution.SizeObjective, front, points));
    }
}
