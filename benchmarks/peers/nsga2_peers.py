#!/usr/bin/env python3
"""Peer NSGA-II implementations on NAS-Bench-Macro, for benchmarks/search-quality.sh --peers.

Runs Optuna's NSGAIISampler and DEAP's NSGA-II on the NAS-Bench-Macro space (8 positions, each
0, 1 or 2) with objectives (maximise mean_acc, minimise params), looked up in the table. Budget
accounting is the same as ours: an evaluation is one distinct architecture; a revisit of an
architecture already evaluated in the run reuses its result and costs nothing. A run stops when
`budget` distinct architectures have been evaluated or after a cap on total trials (revisits
included), so that it always terminates.

Writes JSON:
  {"algorithms": [{"name": "optuna-nsga2", "seconds": x,
                   "runs": [{"seed": s, "architectures": ["01201100", ...], "trials": n}, ...]},
                  {"name": "deap-nsga2", ...}]}
where "architectures" are the distinct architectures in the order first evaluated (at most budget).
The metrics (hypervolume ratio etc.) are computed by the C# side, exactly as for our algorithms.

Usage: nsga2_peers.py --table PATH --budget N --first-seed S --seeds N --json OUT
                      [--algorithms optuna-nsga2,deap-nsga2] [--jobs N]
"""

import argparse
import json
import multiprocessing
import os
import random
import sys
import time

POSITIONS = 8
CHOICES = 3
POPULATION = 20
TRIAL_CAP_FACTOR = 20  # total trials (revisits included) at most this many times the budget

_TABLE = None


def load_table(path):
    with open(path, encoding="utf-8") as f:
        raw = json.load(f)
    table = {key: (float(entry["mean_acc"]), int(entry["params"])) for key, entry in raw.items()}
    if len(table) != CHOICES ** POSITIONS:
        raise SystemExit(f"{path}: expected {CHOICES ** POSITIONS} architectures, found {len(table)}")
    return table


class Ledger:
    """Distinct evaluations in first-evaluated order; revisits are free."""

    def __init__(self, table, budget):
        self.table = table
        self.budget = budget
        self.order = []
        self.known = {}
        self.trials = 0

    @property
    def exhausted(self):
        return len(self.order) >= self.budget

    def evaluate(self, key):
        """(mean_acc, params) of key; None when key is new and the budget is spent."""
        self.trials += 1
        if key in self.known:
            return self.known[key]
        if self.exhausted:
            return None
        value = self.table[key]
        self.known[key] = value
        self.order.append(key)
        return value


def run_optuna(table, budget, seed):
    import optuna

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    sampler = optuna.samplers.NSGAIISampler(population_size=POPULATION, seed=seed)
    study = optuna.create_study(directions=["maximize", "minimize"], sampler=sampler)
    ledger = Ledger(table, budget)
    distributions = {f"x{i}": optuna.distributions.CategoricalDistribution([0, 1, 2]) for i in range(POSITIONS)}
    while not ledger.exhausted and ledger.trials < TRIAL_CAP_FACTOR * budget:
        trial = study.ask(distributions)
        key = "".join(str(trial.params[f"x{i}"]) for i in range(POSITIONS))
        value = ledger.evaluate(key)
        if value is None:
            break
        study.tell(trial, list(value))
    return ledger


def run_deap(table, budget, seed):
    from deap import base, creator, tools

    if not hasattr(creator, "MacroFitness"):
        creator.create("MacroFitness", base.Fitness, weights=(1.0, -1.0))
        creator.create("MacroIndividual", list, fitness=creator.MacroFitness)

    rng = random.Random(seed)
    # DEAP's operators draw from the module-level generator: seed it (each run is in its own process).
    random.seed(seed)
    ledger = Ledger(table, budget)
    crossover_probability = 0.9
    mutation_per_gene = 1.0 / POSITIONS

    def new_individual():
        return creator.MacroIndividual(rng.randrange(CHOICES) for _ in range(POSITIONS))

    def mutate(individual):
        for i in range(POSITIONS):
            if random.random() < mutation_per_gene:
                individual[i] = (individual[i] + random.randint(1, CHOICES - 1)) % CHOICES
        return (individual,)

    def evaluate(population):
        """Evaluates invalid individuals; False when the budget ran out."""
        for individual in population:
            if individual.fitness.valid:
                continue
            value = ledger.evaluate("".join(map(str, individual)))
            if value is None:
                return False
            individual.fitness.values = value
        return True

    population = [new_individual() for _ in range(POPULATION)]
    if not evaluate(population):
        return ledger
    population = tools.selNSGA2(population, POPULATION)  # assigns crowding distances
    while not ledger.exhausted and ledger.trials < TRIAL_CAP_FACTOR * budget:
        offspring = [creator.MacroIndividual(i) for i in tools.selTournamentDCD(population, POPULATION)]
        for first, second in zip(offspring[::2], offspring[1::2]):
            if random.random() <= crossover_probability:
                tools.cxUniform(first, second, 0.5)
            mutate(first)
            mutate(second)
        if not evaluate(offspring):
            break
        population = tools.selNSGA2(population + offspring, POPULATION)
    return ledger


ALGORITHMS = {"optuna-nsga2": run_optuna, "deap-nsga2": run_deap}


def _run_one(job):
    name, budget, seed = job
    ledger = ALGORITHMS[name](_TABLE, budget, seed)
    return {"seed": seed, "architectures": ledger.order[:budget], "trials": ledger.trials}


def _init(table):
    global _TABLE
    _TABLE = table


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--table", required=True)
    parser.add_argument("--budget", type=int, required=True)
    parser.add_argument("--first-seed", type=int, required=True)
    parser.add_argument("--seeds", type=int, required=True)
    parser.add_argument("--json", required=True)
    parser.add_argument("--algorithms", default=",".join(ALGORITHMS))
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    if args.budget < 1 or args.seeds < 1:
        parser.error("--budget and --seeds must be positive")
    names = [n for n in args.algorithms.split(",") if n]
    for name in names:
        if name not in ALGORITHMS:
            parser.error(f"unknown algorithm '{name}' (known: {', '.join(ALGORITHMS)})")

    table = load_table(args.table)
    seeds = list(range(args.first_seed, args.first_seed + args.seeds))
    result = {"budget": args.budget, "algorithms": []}
    # One process per run: independent module-level random state, and the runs in parallel.
    context = multiprocessing.get_context("fork")
    for name in names:
        start = time.perf_counter()
        with context.Pool(processes=max(1, min(args.jobs, len(seeds))), initializer=_init, initargs=(table,), maxtasksperchild=1) as pool:
            runs = pool.map(_run_one, [(name, args.budget, seed) for seed in seeds], chunksize=1)
        seconds = time.perf_counter() - start
        result["algorithms"].append({"name": name, "seconds": round(seconds, 3), "runs": runs})
        short = sum(1 for r in runs if len(r["architectures"]) < args.budget)
        print(f"  {name}: done in {seconds:.1f} s" + (f" ({short} runs stopped at the trial cap below the budget)" if short else ""), file=sys.stderr)
    with open(args.json, "w", encoding="utf-8") as f:
        json.dump(result, f)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
