#!/usr/bin/env bash
# Runs complaintkit's benchmarks and writes benchmarks/results/latest.json and benchmarks/RESULTS.md.
#
#   benchmarks/run.sh [quick|full] [extra JMH options…]
#
#   quick  (default) short runs, under 5 minutes on 2 cores: a first look, wide error bars
#          JMH: -f 1 -wi 1 -w 1s -i 3 -r 1s; paired end-to-end cross-check: 300 calls per side;
#          concurrency: 20 s + a scaling curve for Allinpay at 1.5 s per point; cold start: 11 rounds
#          of `complaintkit providers` and the first Allinpay SM2 call
#   full   publishable figures (about an hour on 2 cores):
#          JMH: -f 3 -wi 3 -w 5s -i 5 -r 5s; paired: 3,000 calls per side; concurrency: 20 s + scaling
#          curves for every provider at 5 s per point; cold start: 21 rounds, every provider
#
# Builds benchmarks/target/benchmarks.jar first when it is missing
# (./mvnw -B -pl benchmarks -am package -DskipTests). Extra arguments go to JMH, e.g. a benchmark regex:
#   benchmarks/run.sh quick 'Signer'
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
profile="${1:-quick}"
shift || true
case "$profile" in
  quick) jmh_opts="-f 1 -wi 1 -w 1s -i 3 -r 1s"; paired_calls=300; run_seconds=20; point_seconds=1.5; curves=first; cold_runs=11; cold_calls=allinpay ;;
  full)  jmh_opts="-f 3 -wi 3 -w 5s -i 5 -r 5s"; paired_calls=3000; run_seconds=20; point_seconds=5; curves=all; cold_runs=21; cold_calls=all ;;
  *) echo "usage: $0 [quick|full] [JMH options…]" >&2; exit 2 ;;
esac
jar="$here/target/benchmarks.jar"
cli_jar="$root/cli/target/complaintkit.jar"
results="$here/results"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"

if [ ! -f "$jar" ]; then
  echo "run.sh: building $jar" >&2
  (cd "$root" && ./mvnw -B -q -pl benchmarks -am package -DskipTests) >&2
fi
mkdir -p "$results"
rm -f "$results"/*.tmp
started=$(date +%s)
step() { echo; echo "=== $* ($(( $(date +%s) - started )) s)"; }

step "JMH ($profile: $jmh_opts $*)"
# shellcheck disable=SC2086
"$java_bin" -jar "$jar" $jmh_opts -rf json -rff "$results/jmh.json.tmp" "$@"

step "end to end, paired cross-check"
"$java_bin" -cp "$jar" dev.complaintkit.benchmarks.PairedEndToEnd "$results" "$paired_calls"

step "WeChat Pay: library, baseline and WxJava, paired"
"$java_bin" -Djdk.net.hosts.file="$here/peer-hosts" -cp "$jar" dev.complaintkit.benchmarks.PeerComparison "$results" "$paired_calls"

step "streaming memory (a -Xmx64m child)"
"$java_bin" -cp "$jar" dev.complaintkit.benchmarks.StreamingMemory "$results" "$java_bin" "$jar"

step "concurrency"
"$java_bin" -cp "$jar" dev.complaintkit.benchmarks.Concurrency "$results" "$run_seconds" "$point_seconds" "$curves"

step "cold start"
"$java_bin" -cp "$jar" dev.complaintkit.benchmarks.ColdStart "$results" "$cold_runs" "$cli_jar" "$jar" "$cold_calls"

step "report"
"$java_bin" -cp "$jar" dev.complaintkit.benchmarks.Report "$results" "$here/RESULTS.md" "$profile" "$jmh_opts $*"
echo "wrote $here/RESULTS.md and $results/latest.json in $(( $(date +%s) - started )) s"
