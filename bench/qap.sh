#!/usr/bin/env bash
# Benchmark (not a test): qap() with 1000 replications on random networks
# of 500 actors, the two layers of bench/gen.py's cases (交易 and 政策), at
# three densities; the best wall time of three runs, whole process
# (load included).  The target (issue 13): under 2 s on two cores.
#
#   bench/qap.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x ./cnet ] || make cnet >&2
mkdir -p bench/data
echo "| actors | ties | qap(reps=1000), best of 3 (ms) |"
echo "|---:|---:|---:|"
for ties in 5000 25000 60000; do
  name=qap_a500_t$ties
  [ -f bench/data/$name.cnet ] ||
    python3 bench/gen.py --actors 500 --ties $ties --name $name >&2
  best=""
  for _ in 1 2 3; do
    start=$(date +%s%N)
    ./cnet -e 'qap(net(layer=交易), net(layer=政策), reps=1000)' \
      bench/data/$name.cnet >/dev/null
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    [ -z "$best" ] || [ "$ms" -lt "$best" ] && best=$ms
  done
  echo "| 500 | $ties | $best |"
done
