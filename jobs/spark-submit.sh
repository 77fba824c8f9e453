#!/usr/bin/env bash
# Submits any zhijian command or job spec to a Spark cluster with spark-submit.
#
#   jobs/spark-submit.sh --master yarn --deploy-mode client  run jobs/quarterly-brief.yaml --period 2025-Q3
#   jobs/spark-submit.sh --master spark://host:7077          build
#   jobs/spark-submit.sh --master k8s://https://api:6443 --deploy-mode cluster \
#       --conf spark.kubernetes.container.image=registry/spark:4.0.1-java17 run jobs/annual-brief.yaml
#
# Everything before the zhijian command goes to spark-submit (any --conf, --executor-memory, ...);
# the command and what follows go to zhijian. Needs SPARK_HOME (Spark 4.0.x, Scala 2.13, Java 17)
# and the jar `mvn -DskipTests package` builds: target/zhijian-<version>-spark.jar.
#
# client mode (the default): the driver runs here and reads conf/, jobs/ and reports/ from this
# checkout; raw input, the lake and reports may be local paths only if every executor sees them
# (a shared mount) — otherwise use hdfs:// or s3a:// URIs (--input, --lake).
# cluster mode: the driver runs on the cluster. conf/, jobs/ and reports/ travel with it as an
# archive unpacked as ./zhijian in its working directory; --input and --lake must be cluster URIs,
# and workbooks are written under --reports on the driver's machine (give a shared path).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
: "${SPARK_HOME:?set SPARK_HOME to a Spark 4.0.x installation}"
JAR="$(compgen -G "$ROOT/target/zhijian-*-spark.jar" | head -n 1 || true)"
[[ -n "$JAR" ]] || { echo "error: no target/zhijian-*-spark.jar; build it with: mvn -DskipTests package" >&2; exit 1; }

SUBMIT=()
DEPLOY_MODE=client
while [[ $# -gt 0 && "$1" == --* ]]; do
  case "$1" in
    --deploy-mode) DEPLOY_MODE="$2"; SUBMIT+=("$1" "$2"); shift 2 ;;
    --deploy-mode=*) DEPLOY_MODE="${1#*=}"; SUBMIT+=("$1"); shift ;;
    --verbose|--supervise) SUBMIT+=("$1"); shift ;;
    --*=*) SUBMIT+=("$1"); shift ;;
    *) SUBMIT+=("$1" "$2"); shift 2 ;;
  esac
done
[[ $# -gt 0 ]] || { echo "usage: jobs/spark-submit.sh [spark-submit options] COMMAND [zhijian options]" >&2; exit 2; }

if [[ "$DEPLOY_MODE" == cluster ]]; then
  ARCHIVE="$(mktemp -d)/zhijian-conf.zip"
  (cd "$ROOT" && zip -qr "$ARCHIVE" conf jobs reports -x 'reports/out/*')
  SUBMIT+=(--archives "$ARCHIVE#zhijian" --conf "spark.driver.extraJavaOptions=-Dzhijian.home=zhijian -Djava.awt.headless=true")
else
  SUBMIT+=(--conf "spark.driver.extraJavaOptions=-Dzhijian.home=$ROOT -Djava.awt.headless=true")
fi

exec "$SPARK_HOME/bin/spark-submit" --class org.zhijian.cli.ZhijianCli --name zhijian "${SUBMIT[@]}" "$JAR" "$@"
