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
