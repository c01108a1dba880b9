using NasServerless.Search.Evolution;

namespace NasServerless.Orchestration.Messages;

// Inputs and outputs of orchestrators and activities: small records with blob names, never populations.

/// <summary>The SearchOrchestrator's whole state, carried across ContinueAsNew (which clears custom status, hence <paramref name="Progress"/>).</summary>
public sealed record SearchOrchestratorInput(string SearchId, int Generation = 0, IReadOnlyList<string>? PopulationRefs = null, int StagnantGenerations = 0, SearchProgress? Progress = null);

/// <param name="PopulationRefs">Every island's population at the start of the generation (null for generation 0): each island recomputes the whole generation plan and takes its share.</param>
public sealed record IslandGenerationInput(string SearchId, int Island, int Generation, IReadOnlyList<string>? PopulationRefs);

/// <param name="Waiters">For a candidate this island owns: the other islands that bred it too and wait for its result.</param>
public sealed record CandidateTicket(string Id, CandidateDisposition Disposition, IReadOnlyList<int>? Waiters = null);

public sealed record IslandPlanSummary(IReadOnlyList<CandidateTicket> Candidates, int TimeoutSeconds, int MaxAttempts);

/// <param name="Dispatch">True for the candidate's owner, which sends the training job; false for an island that only waits for the owner's result.</param>
/// <param name="Waiters">The owner's list of islands to wake when the candidate's result (or failure record) is stored.</param>
public sealed record CandidateEvaluationInput(string SearchId, string CandidateId, int Generation, int Island, bool Dispatch, int TimeoutSeconds, int MaxAttempts, IReadOnlyList<int>? Waiters = null);

public sealed record TrainingJobRequest(string SearchId, string InstanceId, string CandidateId, int Generation, int Island, int Attempt);

public sealed record CandidateFailure(string SearchId, string CandidateId, int Generation, int Island, string Reason);

public sealed record CandidateRef(string SearchId, string CandidateId);

public sealed record CompleteGenerationInput(string SearchId, int Generation, IReadOnlyList<string> PopulationRefs, int StagnantGenerations);

public sealed record GenerationSummary(
    int Generation,
    int Generations,
    IReadOnlyList<string> PopulationRefs,
    int Evaluations,
    int NewEvaluations,
    int Failed,
    int FrontSize,
    double BestAccuracy,
    int StagnantGenerations,
    bool Done);

/// <summary>Custom status of a running search and output of a finished one.</summary>
public sealed record SearchProgress(int Generation, int Generations, int Evaluations, int Failed, int FrontSize, double BestAccuracy, DateTime UpdatedAt, bool Completed);
