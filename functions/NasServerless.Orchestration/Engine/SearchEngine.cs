using NasServerless.Search.Evolution;
using NasServerless.Search.Spaces;

namespace NasServerless.Orchestration.Engine;

/// <summary>Adapts <see cref="IslandEvolution{TGenome}"/> to genome JSON.</summary>
public sealed class SearchEngine<TGenome>(IslandEvolution<TGenome> evolution, Func<TGenome, (long, long)>? analyticSize = null) : ISearchEngine
    where TGenome : notnull
{
    private ISearchSpace<TGenome> Space => evolution.Space;

    public GenerationPlanDocument Plan(int generation, IReadOnlyList<IReadOnlyList<PopulationMember>>? populations, IReadOnlySet<string> known, int spent, IReadOnlyList<PopulationMember>? archive)
    {
        var plan = GenerationPlan<TGenome>.Create(evolution, generation, populations?.Select(ToIndividuals).ToList(), known.Contains, spent, archive is null ? null : ToIndividuals(archive));
        return new GenerationPlanDocument(generation, plan.Islands
            .Select(island => (IReadOnlyList<PlannedCandidateDocument>)island.Select(c => new PlannedCandidateDocument(c.Id, Space.ToJson(c.Genome), c.Disposition, c.OwnerIsland)).ToList())
            .ToList());
    }

    public IReadOnlyList<PopulationMember> SelectSurvivors(IReadOnlyList<PopulationMember> population, IReadOnlyList<PopulationMember> offspring) =>
        ToMembers(evolution.SelectSurvivors(ToIndividuals(population), ToIndividuals(offspring)));

    public IReadOnlyList<IReadOnlyList<PopulationMember>> Migrate(IReadOnlyList<IReadOnlyList<PopulationMember>> islands) =>
        Migration.Apply(islands.Select(ToIndividuals).ToList(), evolution.Options).Select(ToMembers).ToList();

    public IReadOnlyList<PopulationMember> Archive(IEnumerable<PopulationMember> evaluated) => ToMembers(evolution.Archive(ToIndividuals(evaluated.ToList())));

    public IReadOnlyList<PopulationMember> Front(IEnumerable<PopulationMember> evaluated) =>
        ToMembers(ParetoFront.Of(ToIndividuals(evaluated.ToList()), evolution.Options.SizeObjective));

    public PopulationDiversity Diversity(IReadOnlyList<string> genomes) =>
        PopulationDiversity.Of(Space, genomes.Select(Space.Parse).ToList(), g => analyticSize?.Invoke(g).Item1 ?? 0);

    public (long Parameters, long Flops)? AnalyticSize(string genome) => analyticSize?.Invoke(Space.Parse(genome));

    private IReadOnlyList<Individual<TGenome>> ToIndividuals(IReadOnlyList<PopulationMember> members) =>
        members.Select(m => new Individual<TGenome>(m.Id, Space.Parse(m.Genome), m.Evaluation)).ToList();

    private IReadOnlyList<PopulationMember> ToMembers(IReadOnlyList<Individual<TGenome>> individuals) =>
        individuals.Select(i => new PopulationMember(i.Id, Space.ToJson(i.Genome), i.Evaluation)).ToList();
}
