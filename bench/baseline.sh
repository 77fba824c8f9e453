#!/usr/bin/env bash
# bench/baseline.sh REV SCALE RUNS — run through `bench/run.sh --baseline REV [--scale S] [--runs N]`.
#
# Times this tree (A) against revision REV (B) on the same data, alternating A B A B: every stage a
# cold ./zhijian process timed by /usr/bin/time. Per run and side: ingest into a fresh lake, build
# (all periods), report (the quarterly brief) and a 10,000-draw scenario. The data are generated
# once, by this tree (--dirty 0); REV skips the files of datasets it does not know, so each side
# loads what it can of the same files and B's numbers are what REV did for a user then.
set -euo pipefail

REV="$1"
SCALE="$2"
RUNS="$3"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SHORT="$(git rev-parse --short "$REV^{commit}" 2>/dev/null)" || { echo "error: $REV names no commit of this repository" >&2; exit 2; }
OUT="$ROOT/bench/out/baseline-$SHORT/scale-$SCALE"
TREE="$ROOT/bench/out/worktrees/$SHORT"
LOGS="$OUT/logs"
RESULTS="$OUT/results.tsv"
mkdir -p "$LOGS"
SEED=20251231
END_YEAR=2025
PERIOD="$END_YEAR-Q4"

if [[ ! -d "$TREE" ]]; then
  echo "Checking out $SHORT into $TREE ..." >&2
  git worktree add --detach -f "$TREE" "$SHORT" >/dev/null
fi
echo "Building this tree and $SHORT ..." >&2
./zhijian --version >/dev/null
(cd "$TREE" && ./zhijian --version >/dev/null)
echo "Building the benchmark harness (mvn -Pbench) ..." >&2
mvn -q -B -Pbench -DskipTests compile dependency:build-classpath -Dmdep.outputFile="$ROOT/target/bench/classpath.txt" >"$LOGS/harness-build.log" 2>&1 \
  || { echo "error: the harness build failed; see $LOGS/harness-build.log" >&2; exit 1; }

printf 'side\tstage\trun\twall_s\trss_kb\n' >"$RESULTS"
# shellcheck source=bench/measure.sh
source "$ROOT/bench/measure.sh"
# timed SIDE STAGE RUN COMMAND...: measure, then a row of results.tsv.
timed() {
  local side="$1" stage="$2" run="$3"; shift 3
  measure "$side-$stage" "$run" "$@"
  printf '%s\t%s\t%s\t%s\t%s\n' "$side" "$stage" "$run" "$LAST_WALL" "$LAST_RSS" >>"$RESULTS"
}

RAW="$OUT/raw"
if [[ ! -f "$RAW/.complete" ]]; then
  rm -rf "$RAW"
  ./zhijian generate -q --scale "$SCALE" --seed "$SEED" --end-year "$END_YEAR" --dirty 0 --out "$RAW" >"$LOGS/generate.log" 2>&1
  touch "$RAW/.complete"
fi

# side NAME DIR RUN: the four cold commands of one run, from DIR's launcher, on a fresh lake.
side() {
  local name="$1" dir="$2" run="$3" lake="$OUT/lake-$1"
  rm -rf "$lake" "$OUT/reports-$name"
  timed "$name" ingest "$run" "$dir/zhijian" ingest --input "$RAW" --lake "$lake"
  timed "$name" build "$run" "$dir/zhijian" build --lake "$lake"
  timed "$name" report "$run" "$dir/zhijian" report --period "$PERIOD" --lake "$lake" --reports "$OUT/reports-$name"
  timed "$name" scenario "$run" "$dir/zhijian" scenario "$dir/conf/scenarios/baseline.yaml" --draws 10000 --lake "$lake" --reports "$OUT/reports-$name"
}

warm_archive "$ROOT"
warm_archive "$TREE"
for run in $(seq 1 "$RUNS"); do
  side A "$ROOT" "$run"
  side B "$TREE" "$run"
done

{
  echo "cores	$(nproc)"
  echo "commit	$(git rev-parse --short HEAD)$(git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "baseline	$SHORT"
  echo "date	$(date -u +%Y-%m-%dT%H:%MZ)"
  echo "command	bench/run.sh --baseline $REV --scale $SCALE --runs $RUNS"
} >"$OUT/machine.tsv"
java -cp "$ROOT/target/bench/classes:$(cat "$ROOT/target/bench/classpath.txt")" org.zhijian.bench.BaselineReport "$ROOT/docs/benchmarks.md" "$OUT" "$SCALE"
