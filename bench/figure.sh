#!/usr/bin/env bash
# Benchmark of figures: how long render() takes on the example case, as
# whole processes (best of --runs), and what a second, third and fourth
# render in the same process cost (the font cache is warmed once per
# process).  A benchmark, not a test: the target is the three-panel PDF in
# under 1.5 s.  See bench/README.md.
#
#   bench/figure.sh [--runs K]
set -euo pipefail

cd "$(dirname "$0")/.."               # the repository root
RUNS=3
while [ $# -gt 0 ]; do
  case $1 in
    --runs) RUNS=$2; shift ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "figure.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
  shift
done
[ -x ./cnet ] || make cnet >&2
CASE=examples/b_county.cnet
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

# best wall-clock seconds of RUNS runs of: cnet -e EXPR… CASE
best() {
  local best=""
  for _ in $(seq "$RUNS"); do
    local t0 t1
    t0=$(date +%s.%N)
    ./cnet "$@" "$CASE" >/dev/null 2>&1
    t1=$(date +%s.%N)
    best=$(echo "$t0 $t1 ${best:-1e9}" | awk '{d = $2 - $1; print (d < $3 ? d : $3)}')
  done
  printf '%.2f' "$best"
}

echo "| figure | seconds |"
echo "|---|---|"
echo "| loading the case, no figure | $(best -e 'count(actors())') |"
for f in svg pdf png; do
  echo "| one stage (整合), $f | $(best -e "render(stage=整合, to=\"$OUT/s.$f\")") |"
  echo "| three panels, $f | $(best -e "render(stages=all, to=\"$OUT/p.$f\")") |"
done
echo "| three panels, pdf, width=\"17cm\" | $(best -e "render(stages=all, to=\"$OUT/p.pdf\", width=\"17cm\")") |"
four=()
for i in 1 2 3 4; do four+=(-e "render(stages=all, to=\"$OUT/p$i.pdf\")"); done
echo "| four three-panel PDFs in one process | $(best "${four[@]}") |"
