#!/usr/bin/env bash
# Benchmarks zhijian at one data scale and records the medians in docs/benchmarks.md.
#
#   bench/run.sh [--scale S] [--runs N] [--skip-demo] [--skip-writers] [--skip-duckdb]
#   bench/run.sh --baseline REV [--scale S] [--runs N]
#
# Each stage runs N times (default 3) exactly as a user runs it, through ./zhijian, timed by
# /usr/bin/time (wall seconds and peak RSS): generate, ingest, build (and its forecasts step, as the
# build times it), report (the quarterly brief),
# scenario (10,000 draws) and export (up to 1,000,000 rows x 12 columns, to xlsx and to csv, with
# the heap capped at 512 MB). Then, in the same run: zhijian vs DuckDB on the inspections (load to
# Parquet, pass rate by city x quarter and category x year, same numbers checked), the export's
# xlsx writer vs plain POI XSSF and fastexcel on 1,000,000 x 12 rows, and `./zhijian demo` once.
# Raw data, lakes and outputs go to bench/out/scale-S/ (git-ignored). The scale's section of
# docs/benchmarks.md is rewritten; everything else in that file is kept.
#
# With --baseline REV: builds revision REV in a git worktree (bench/out/worktrees/REV) and times
# this tree (A) and REV (B) on the same generated data, alternating A B A B, each a cold command:
# ingest into a fresh lake, build, report and a 10,000-draw scenario. Results go to
# bench/out/baseline-REV/scale-S/ and the section "baseline REV, scale S" of docs/benchmarks.md
# (medians, every run and A ÷ B). Absolute times drift between days; the ratio is the measure.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCALE=1
RUNS=3
DEMO=1
WRITERS=1
DUCKDB=1
BASELINE=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --scale) SCALE="$2"; shift 2 ;;
    --scale=*) SCALE="${1#*=}"; shift ;;
    --runs) RUNS="$2"; shift 2 ;;
    --runs=*) RUNS="${1#*=}"; shift ;;
    --skip-demo) DEMO=0; shift ;;
    --skip-writers) WRITERS=0; shift ;;
    --skip-duckdb) DUCKDB=0; shift ;;
    --baseline) BASELINE="$2"; shift 2 ;;
    --baseline=*) BASELINE="${1#*=}"; shift ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "error: unknown option $1 (see bench/run.sh --help)" >&2; exit 2 ;;
  esac
done
[[ "$SCALE" =~ ^[0-9]+(\.[0-9]+)?$ ]] || { echo "error: --scale must be a number, not $SCALE" >&2; exit 2; }
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "error: --runs must be a positive whole number, not $RUNS" >&2; exit 2; }

# /usr/bin/time measures peak RSS; Debian's package `time` has it.
if [[ ! -x /usr/bin/time ]]; then
  if [[ "$(id -u)" -eq 0 ]]; then runner=(); elif sudo -n true 2>/dev/null; then runner=(sudo -n); else
    echo "error: /usr/bin/time is needed; as root run: apt-get install -y time" >&2; exit 1; fi
  echo "Installing /usr/bin/time (Debian package time) ..." >&2
  DEBIAN_FRONTEND=noninteractive "${runner[@]}" apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${runner[@]}" apt-get install -y -qq time >&2
fi

cd "$ROOT"
if [[ -n "$BASELINE" ]]; then
  exec "$ROOT/bench/baseline.sh" "$BASELINE" "$SCALE" "$RUNS"
fi
OUT="$ROOT/bench/out/scale-$SCALE"
RAW="$OUT/raw"
LAKE="$OUT/lake"
REPORTS="$OUT/reports"
RESULTS="$OUT/results.tsv"
LOGS="$OUT/logs"
mkdir -p "$OUT" "$LOGS"
SEED=20251231
END_YEAR=2025
PERIOD="$END_YEAR-Q4"

# The launcher builds zhijian when needed; the harness (DuckDB, fastexcel) builds into target/bench.
./zhijian --version >/dev/null
echo "Building the benchmark harness (mvn -Pbench) ..." >&2
mvn -q -B -Pbench -DskipTests compile dependency:build-classpath -Dmdep.outputFile="$ROOT/target/bench/classpath.txt" >"$LOGS/harness-build.log" 2>&1 \
  || { echo "error: the harness build failed; see $LOGS/harness-build.log" >&2; exit 1; }
OPENS="$(sed -n 's:.*<spark.jvm.opens>\(.*\)</spark.jvm.opens>.*:\1:p' "$ROOT/pom.xml")"
HARNESS_CP="$ROOT/target/bench/classes:$(cat "$ROOT/target/bench/classpath.txt")"

printf 'stage\trun\twall_s\trss_kb\trows\tnote\n' >"$RESULTS"
record() { printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$RESULTS"; }

# shellcheck source=bench/measure.sh
source "$ROOT/bench/measure.sh"
warm_archive "$ROOT"

csv_rows() { local total=0 n; for f in "$1"/*.csv; do [[ "$(basename "$f")" == _* ]] && continue; n=$(($(wc -l <"$f") - 1)); total=$((total + n)); done; echo "$total"; }

echo "Scale $SCALE, $RUNS runs, results in $OUT" >&2

# generate: into scratch folders; the last one becomes the raw data of this scale.
for run in $(seq 1 "$RUNS"); do
  rm -rf "$OUT/generated"
  measure generate "$run" ./zhijian generate -q --scale "$SCALE" --seed "$SEED" --end-year "$END_YEAR" --dirty 0 --out "$OUT/generated"
  record generate "$run" "$LAST_WALL" "$LAST_RSS" "$(csv_rows "$OUT/generated")" "csv data lines; xlsx sheets not counted"
done
rm -rf "$RAW" && mv "$OUT/generated" "$RAW"
RAW_ROWS="$(csv_rows "$RAW")"

# ingest: a fresh lake each run.
for run in $(seq 1 "$RUNS"); do
  rm -rf "$LAKE"
  measure ingest "$run" ./zhijian ingest --input "$RAW" --lake "$LAKE"
  record ingest "$run" "$LAST_WALL" "$LAST_RSS" "$RAW_ROWS" "raw csv rows read"
done

STAGED_ROWS="$(./zhijian lake --lake "$LAKE" 2>/dev/null | awk '$1 ~ /^staged\./ { gsub(",", "", $2); total += $2 } END { print total + 0 }')"
for run in $(seq 1 "$RUNS"); do
  measure build "$run" ./zhijian build --lake "$LAKE"
  record build "$run" "$LAST_WALL" "$LAST_RSS" "$STAGED_ROWS" "staged rows read"
  # The forecasts step of the build times itself: "forecasts from 2025-Q4: 540 series, ... (12.0 s)".
  forecast_s="$(sed -n 's/^ *forecasts from .*(\([0-9.]*\) s)$/\1/p' "$LAST_LOG")"
  series="$(sed -n 's/^ *forecasts from [^:]*: \([0-9,]*\) series.*/\1/p' "$LAST_LOG" | tr -d ,)"
  record build_forecasts "$run" "${forecast_s:-}" "" "${series:-0}" "series forecast; the step's own time within build"
done

# dossier: one enterprise from a cold process, then 100 in one run (--list); the enterprises
# with the most batches, so every sheet has rows.
./zhijian export -q --lake "$LAKE" --out "$OUT/dossier_codes.csv" \
  --sql "SELECT credit_code FROM staged.inspections WHERE credit_code IS NOT NULL GROUP BY credit_code ORDER BY count(*) DESC, credit_code LIMIT 100" >/dev/null
tail -n +2 "$OUT/dossier_codes.csv" | tr -d '\r\357\273\277' >"$OUT/dossier_codes.txt"
for run in $(seq 1 "$RUNS"); do
  measure dossier_one "$run" ./zhijian dossier "$(head -n 1 "$OUT/dossier_codes.txt")" --lake "$LAKE" --reports "$REPORTS"
  record dossier_one "$run" "$LAST_WALL" "$LAST_RSS" 1 "one dossier, cold process (target: under 20 s at scale 1)"
  measure dossier_100 "$run" ./zhijian dossier --list "$OUT/dossier_codes.txt" --lake "$LAKE" --out "$OUT/dossiers"
  record dossier_100 "$run" "$LAST_WALL" "$LAST_RSS" "$(wc -l <"$OUT/dossier_codes.txt")" "dossiers in one run (target: under 2 minutes at scale 1)"
done

MART_ROWS="$(./zhijian lake --lake "$LAKE" 2>/dev/null | awk '$1 == "marts.indicator_values" { gsub(",", "", $2); print $2 }')"
# report: the workbook alone, then the workbook and the HTML page (the default), alternated, so
# their difference is what the page adds.
for run in $(seq 1 "$RUNS"); do
  measure report_xlsx "$run" ./zhijian report --period "$PERIOD" --lake "$LAKE" --reports "$REPORTS" --formats xlsx
  record report_xlsx "$run" "$LAST_WALL" "$LAST_RSS" "${MART_ROWS:-0}" "indicator_values rows; brief $PERIOD, workbook only"
  measure report "$run" ./zhijian report --period "$PERIOD" --lake "$LAKE" --reports "$REPORTS"
  record report "$run" "$LAST_WALL" "$LAST_RSS" "${MART_ROWS:-0}" "indicator_values rows; brief $PERIOD, workbook and HTML page"
done

for run in $(seq 1 "$RUNS"); do
  measure scenario "$run" ./zhijian scenario conf/scenarios/baseline.yaml --draws 10000 --lake "$LAKE" --reports "$REPORTS"
  record scenario "$run" "$LAST_WALL" "$LAST_RSS" 10000 "draws x 5 years x 11 cities x 2 groups"
done

# export: the 12 columns of the writer benchmark, at most 1,000,000 rows, heap capped at 512 MB.
EXPORT_SQL="SELECT batch_id, credit_code, producer_name, county_code, city_code, category, plan_level, sampled_on, result, failed_items, year, source_line FROM staged.inspections LIMIT 1000000"
for format in xlsx csv; do
  for run in $(seq 1 "$RUNS"); do
    ZHIJIAN_JAVA_OPTS="-Xmx512m" measure "export_$format" "$run" ./zhijian export --lake "$LAKE" --sql "$EXPORT_SQL" --out "$OUT/export.$format"
    rows="$(sed -n 's/^Exported \([0-9,]*\) rows.*/\1/p' "$LAST_LOG" | tr -d ,)"
    record "export_$format" "$run" "$LAST_WALL" "$LAST_RSS" "${rows:-0}" "12 columns, -Xmx512m"
  done
done

harness() { java $OPENS -Djava.awt.headless=true -XX:+UseParallelGC -Dzhijian.home="$ROOT" "$@"; }

# .xls: a full 65,536-row sheet (header and 65,535 inspections) against the same rows as CSV,
# both validated (read, mapped, checked; nothing written) with the heap capped at 512 MB, alternated.
harness -Xmx3g -cp "$HARNESS_CP" org.zhijian.bench.XlsFixture "$RAW/inspections.csv" "$OUT/xls" "$OUT/xls-csv" >"$LOGS/xls-fixture.log" 2>&1 \
  || { echo "error: writing the .xls fixture failed; see $LOGS/xls-fixture.log" >&2; exit 1; }
XLS_ROWS="$(sed -n 's/^RESULT rows=\([0-9]*\).*/\1/p' "$LOGS/xls-fixture.log")"
for run in $(seq 1 "$RUNS"); do
  ZHIJIAN_JAVA_OPTS="-Xmx512m" measure validate_xls "$run" ./zhijian validate --input "$OUT/xls" --lake "$LAKE"
  record validate_xls "$run" "$LAST_WALL" "$LAST_RSS" "$((XLS_ROWS - 1))" "one full .xls sheet, -Xmx512m"
  ZHIJIAN_JAVA_OPTS="-Xmx512m" measure validate_xls_csv "$run" ./zhijian validate --input "$OUT/xls-csv" --lake "$LAKE"
  record validate_xls_csv "$run" "$LAST_WALL" "$LAST_RSS" "$((XLS_ROWS - 1))" "the same rows as CSV, -Xmx512m"
done

# The bureau's files: a national notice of up to 100,000 batches (.xlsx, producers by name and
# address, resolved against the lake's register) and a register export of up to 300,000
# enterprises, each against the same rows in the project's CSV layout; validated, alternated.
harness -Xmx3g -cp "$HARNESS_CP" org.zhijian.bench.NoticeFixture "$RAW" "$OUT/bureau" >"$LOGS/notice-fixture.log" 2>&1 \
  || { echo "error: writing the notice fixture failed; see $LOGS/notice-fixture.log" >&2; exit 1; }
NOTICE_ROWS="$(sed -n 's/^RESULT batches=\([0-9]*\).*/\1/p' "$LOGS/notice-fixture.log")"
REGISTER_ROWS="$(sed -n 's/^RESULT .*enterprises=\([0-9]*\).*/\1/p' "$LOGS/notice-fixture.log")"
for run in $(seq 1 "$RUNS"); do
  measure validate_notice "$run" ./zhijian validate --input "$OUT/bureau/notice" --lake "$LAKE"
  record validate_notice "$run" "$LAST_WALL" "$LAST_RSS" "$NOTICE_ROWS" "national notice .xlsx, producers resolved by name"
  measure validate_notice_csv "$run" ./zhijian validate --input "$OUT/bureau/notice-csv" --lake "$LAKE"
  record validate_notice_csv "$run" "$LAST_WALL" "$LAST_RSS" "$NOTICE_ROWS" "the same batches as the project's CSV"
  measure validate_register "$run" ./zhijian validate --input "$OUT/bureau/register" --lake "$LAKE"
  record validate_register "$run" "$LAST_WALL" "$LAST_RSS" "$REGISTER_ROWS" "register export, county from 登记机关"
  measure validate_register_csv "$run" ./zhijian validate --input "$OUT/bureau/register-csv" --lake "$LAKE"
  record validate_register_csv "$run" "$LAST_WALL" "$LAST_RSS" "$REGISTER_ROWS" "the same enterprises as the project's CSV"
done

if [[ "$DUCKDB" -eq 1 ]]; then
  echo "  zhijian vs DuckDB (1 warm-up + $RUNS runs each) ..." >&2
  log="$LOGS/versus-duckdb.log"
  set +e
  harness -Xmx4g -cp "$HARNESS_CP" org.zhijian.bench.VersusDuckDb "$RAW" "$LAKE" "$OUT/versus" "$RUNS" conf/reference/division_history.csv >"$log" 2>&1
  status=$?
  set -e
  grep -E '^(TIME|CHECK)' "$log" >&2 || true
  # 0: same numbers, 4: the numbers differ (recorded as such), anything else: it did not run.
  [[ $status -eq 0 || $status -eq 4 ]] || { echo "error: the DuckDB comparison failed; see $log" >&2; tail -n 5 "$log" >&2; exit 1; }
  awk -v raw="$(($(wc -l <"$RAW/inspections.csv") - 1))" '$1 == "TIME" && $4 > 0 { printf "versus:%s:%s\t%s\t%s\t\t%s\twarm, in one JVM\n", $2, $3, $4, $5, raw }' "$log" >>"$RESULTS"
  { grep '^CHECK' "$log" || true; } | while read -r _ name verdict detail; do record "check:$name" 0 "" "" "" "$verdict $detail"; done
fi

if [[ "$WRITERS" -eq 1 ]]; then
  echo "  Excel writers, 1,000,000 x 12 ..." >&2
  writer() {
    local name="$1" heap="$2" run="$3" log="$LOGS/writer-$1-$2-$3.log"
    set +e
    /usr/bin/time -f '%e %M' -o "$log.time" java -Xmx"$heap" -XX:+UseParallelGC -cp "$HARNESS_CP" org.zhijian.export.WriterBenchmark "$name" 1000000 "$OUT/writer-$name.xlsx" >"$log" 2>&1
    set -e
    local line; line="$(grep '^RESULT' "$log" || echo "RESULT writer=$name status=crashed")"
    # /usr/bin/time puts "Command exited with non-zero status N" first when the writer failed.
    read -r wall rss < <(tail -n 1 "$log.time") || { wall=""; rss=""; }
    echo "    $name -Xmx$heap run $run: $line" >&2
    record "writer:$name:$heap" "$run" "$wall" "$rss" 1000000 "${line#RESULT }"
  }
  for run in $(seq 1 "$RUNS"); do
    writer zhijian 512m "$run"
    writer fastexcel 512m "$run"
  done
  # Plain XSSF holds the whole sheet in memory: once at the cap, once with room to finish.
  writer poi 512m 1
  writer poi 12g 1
  rm -f "$OUT"/writer-*.xlsx
fi

if [[ "$DEMO" -eq 1 ]]; then
  rm -rf "$OUT/demo"
  measure demo 1 ./zhijian demo --lake "$OUT/demo/lake" --reports "$OUT/demo/reports"
  record demo 1 "$LAST_WALL" "$LAST_RSS" "" "fresh lake, demo scale from conf"
fi

# Machine and the section of docs/benchmarks.md.
{
  echo "cpu	$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  echo "cores	$(nproc)"
  echo "memory	$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
  echo "os	$(. /etc/os-release && echo "$PRETTY_NAME")"
  echo "java	$(java -version 2>&1 | head -n 1)"
  echo "commit	$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "date	$(date -u +%Y-%m-%dT%H:%MZ)"
  echo "command	bench/run.sh --scale $SCALE --runs $RUNS$([[ $DEMO -eq 0 ]] && echo ' --skip-demo')$([[ $WRITERS -eq 0 ]] && echo ' --skip-writers')$([[ $DUCKDB -eq 0 ]] && echo ' --skip-duckdb')"
} >"$OUT/machine.tsv"
harness -cp "$HARNESS_CP" org.zhijian.bench.BenchReport "$ROOT/docs/benchmarks.md" "$ROOT/bench/out" "$SCALE"
