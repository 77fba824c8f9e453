# Sourced by bench/run.sh and bench/baseline.sh: the one way a benchmark times a command.
# Needs LOGS (the folder for each command's output and timing).
# measure STAGE RUN COMMAND...: runs COMMAND under /usr/bin/time; leaves LAST_WALL, LAST_RSS and LAST_LOG.
measure() {
  local stage="$1" run="$2"; shift 2
  local log="$LOGS/$stage-$run.log" timing="$LOGS/$stage-$run.time"
  echo "  $stage run $run: $*" >&2
  if ! /usr/bin/time -f '%e %M' -o "$timing" "$@" >"$log" 2>&1; then
    echo "error: $stage run $run failed; see $log" >&2
    tail -n 5 "$log" >&2
    exit 1
  fi
  read -r wall rss <"$timing"
  echo "    ${wall} s, $((rss / 1024)) MB" >&2
  LAST_WALL="$wall"; LAST_RSS="$rss"; LAST_LOG="$log"
}

# warm_archive DIR: one small, untimed ingest through DIR's launcher, so that the class archive the
# launcher records after each build (about 20–40 s on the first Spark command) is in place before
# anything is timed; without it the first timed command of a freshly built tree pays for it. The
# data (2–3 s to generate) always comes from this tree's generator, the one the timed runs use.
warm_archive() {
  local dir="$1" warm="$LOGS/warm"
  echo "  warming $dir's class archive (untimed) ..." >&2
  rm -rf "$warm"
  "$ROOT/zhijian" generate -q --scale 0.002 --seed 1 --end-year "$END_YEAR" --dirty 0 --out "$warm/raw" >"$LOGS/warm-generate.log" 2>&1 \
    || { echo "error: the warm-up data could not be generated; see $LOGS/warm-generate.log" >&2; exit 1; }
  "$dir/zhijian" ingest -q --input "$warm/raw" --lake "$warm/lake" >"$LOGS/warm-ingest.log" 2>&1 \
    || { echo "error: the warm-up ingest failed; see $LOGS/warm-ingest.log" >&2; exit 1; }
  rm -rf "$warm"
}
