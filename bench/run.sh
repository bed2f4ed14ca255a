#!/usr/bin/env bash
# Benchmark: cnet's load time and peak memory against python-igraph's, as
# whole processes, on the same random graphs.  See bench/README.md.
#
#   bench/run.sh [--measures] [--runs K] [--sizes "N:M N:M …"] [--out DIR]
#
# Load and the first query (density) at each size; --measures adds constraint
# and betweenness.  Prints a Markdown table on standard output (progress on
# standard error) and writes DIR/results.tsv and DIR/scaling.svg, time and
# memory against size (DIR: bench/out).
set -euo pipefail

cd "$(dirname "$0")/.."               # the repository root
DATA=bench/data
RUNS=3
SIZES="10000:100000 100000:1000000 1000000:10000000"
MEASURES=0
OUT=bench/out
# betweenness is O(n·m): skip it on cases with more ties than this
BETWEENNESS_MAX_TIES=${BETWEENNESS_MAX_TIES:-100000}
# no single command may run longer than this many seconds
LIMIT=${LIMIT:-1800}

usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case $1 in
    --measures) MEASURES=1 ;;
    --runs) RUNS=$2; shift ;;
    --sizes) SIZES=$2; shift ;;
    --out) OUT=$2; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

say() { echo "run.sh: $*" >&2; }

# --- what the benchmark needs -------------------------------------------------
apt_install() {
  local SUDO=""
  [ "$(id -u)" = 0 ] || SUDO=sudo
  say "installing $*"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >&2
}

[ -x /usr/bin/time ] || apt_install time

# python-igraph: the python3 on PATH may be another build (pyenv, venv) that
# does not see Debian's packages; fall back to Debian's own interpreter.
PY=""
for p in python3 /usr/bin/python3; do
  if command -v "$p" >/dev/null && "$p" -c 'import igraph' 2>/dev/null; then
    PY=$p; break
  fi
done
if [ -z "$PY" ]; then
  apt_install python3-igraph
  PY=/usr/bin/python3
  "$PY" -c 'import igraph'
fi

if [ ! -x ./cnet ]; then
  say "building ./cnet"
  make cnet >&2
fi

# --- the data -------------------------------------------------------------------
for s in $SIZES; do
  n=${s%%:*} m=${s##*:}
  if [ ! -f "$DATA/a${n}_t${m}.cnet" ] || [ ! -f "$DATA/a${n}_t${m}.edges" ]; then
    say "generating $n actors, $m ties"
    python3 bench/gen.py --actors "$n" --ties "$m" --out "$DATA"
  fi
done

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# --- measuring ------------------------------------------------------------------
# run_n LABEL CMD…: run CMD $RUNS times under /usr/bin/time; set BEST (best
# wall seconds), CPU (least user+system seconds), PEAK (largest max RSS in
# KB) and STATUS ("ok" or "exit N").
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
run_n() {
  local label=$1; shift
  local i rc wall kb usr sys cpu t0 t1
  BEST="" CPU="" PEAK=0 STATUS=ok
  for i in $(seq "$RUNS"); do
    rc=0 t0=$EPOCHREALTIME
    /usr/bin/time -f '%e %M %U %S' -o "$TMP/time" timeout "$LIMIT" "$@" \
      >"$TMP/out" 2>"$TMP/err" || rc=$?
    t1=$EPOCHREALTIME
    if [ "$rc" != 0 ]; then
      STATUS="exit $rc"
      say "$label: exit $rc: $(head -c 300 "$TMP/err" | head -n 3)"
      return 0
    fi
    # RSS from time's %M; wall from the shell's clock, in ms rather than
    # time's %e hundredths (it includes time's own fork, well under 1 ms)
    read -r wall kb usr sys < <(tail -n 1 "$TMP/time")
    wall=$(awk "BEGIN{printf \"%.3f\", $t1 - $t0}")
    cpu=$(awk "BEGIN{printf \"%.2f\", $usr + $sys}")
    say "$label run $i: ${wall} s wall, ${cpu} s CPU, ${kb} KB  ($(head -n 1 "$TMP/out"))"
    if [ -z "$BEST" ] || awk "BEGIN{exit !($wall < $BEST)}"; then BEST=$wall; fi
    if [ -z "$CPU" ] || awk "BEGIN{exit !($cpu < $CPU)}"; then CPU=$cpu; fi
    if [ "$kb" -gt "$PEAK" ]; then PEAK=$kb; fi
  done
}

# Rows of the two tables, filled by bench_pair; every measurement also goes
# to results.tsv for the plot.
mkdir -p "$OUT"
RESULTS=$OUT/results.tsv
printf 'ties\ttool\twhat\twall_s\tcpu_s\trss_kb\n' > "$RESULTS"
ROWS=""
fmt_row() {   # case, tool, command, best wall, least CPU, peak, status
  local mb
  if [ "$7" = ok ]; then
    mb=$(awk "BEGIN{printf \"%.0f\", $6/1024}")
    ROWS+="| $1 | $2 | \`$3\` | $4 | $5 | $mb |"$'\n'
  else
    ROWS+="| $1 | $2 | \`$3\` | $7 | — | — |"$'\n'
  fi
}
SUMMARY=""
ratio() { awk "BEGIN{printf \"%.2f\", $1/($2>0?$2:0.001)}"; }
compare() {   # case, what, then wall, CPU, peak, status of cnet and of igraph
  if [ "$6" = ok ] && [ "${10}" = ok ]; then
    SUMMARY+="| $1 | $2 | $(ratio "$3" "$7") | $(ratio "$4" "$8") \
| $(ratio "$5" "$9") |"$'\n'
  else
    SUMMARY+="| $1 | $2 | — | — | — |"$'\n'
  fi
}

# bench_pair CASE WHAT EXPR FLAG: run cnet (--check, or -e EXPR) and then
# igraph_load.py (with FLAG) on the same case, $RUNS times each, back to back.
bench_pair() {
  local c=$1 what=$2 expr=$3 flag=$4
  local cnet_cmd ig_cmd shown cb cc cp cs ib ic ip is
  if [ -z "$expr" ]; then
    cnet_cmd=(./cnet --check "$DATA/$c.cnet")
    shown="${cnet_cmd[*]}"
  else
    cnet_cmd=(./cnet -e "$expr" "$DATA/$c.cnet")
    shown="./cnet -e '$expr' $DATA/$c.cnet"
  fi
  ig_cmd=("$PY" bench/igraph_load.py "$DATA/$c.edges")
  [ -n "$flag" ] && ig_cmd+=("$flag")

  run_n "$c cnet $what" "${cnet_cmd[@]}"
  cb=$BEST cc=$CPU cp=$PEAK cs=$STATUS
  fmt_row "$c" cnet "$shown" "$cb" "$cc" "$cp" "$cs"
  [ "$cs" != ok ] || printf '%s\tcnet\t%s\t%s\t%s\t%s\n' "$m" "$what" "$cb" "$cc" "$cp" >> "$RESULTS"
  run_n "$c igraph $what" "${ig_cmd[@]}"
  ib=$BEST ic=$CPU ip=$PEAK is=$STATUS
  fmt_row "$c" igraph "python3 ${ig_cmd[*]:1}" "$ib" "$ic" "$ip" "$is"
  [ "$is" != ok ] || printf '%s\tigraph\t%s\t%s\t%s\t%s\n' "$m" "$what" "$ib" "$ic" "$ip" >> "$RESULTS"
  compare "$c" "$what" "$cb" "$cc" "$cp" "$cs" "$ib" "$ic" "$ip" "$is"
}

for s in $SIZES; do
  n=${s%%:*} m=${s##*:}
  c="a${n}_t${m}"
  bench_pair "$c" load "" ""
  bench_pair "$c" density 'density()' --density
  if [ "$MEASURES" = 1 ]; then
    bench_pair "$c" constraint 'count(constraint())' --constraint
    for x in eigenvector pagerank coreness; do
      bench_pair "$c" "$x" "count($x())" "--$x"
    done
    bench_pair "$c" transitivity 'transitivity()' --transitivity
    if [ "$m" -le "$BETWEENNESS_MAX_TIES" ]; then
      bench_pair "$c" betweenness 'count(betweenness())' --betweenness
    else
      say "$c: betweenness skipped ($m ties > BETWEENNESS_MAX_TIES=$BETWEENNESS_MAX_TIES)"
    fi
  fi
done

# --- the report -----------------------------------------------------------------
cpu=$(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)
igv=$("$PY" -c 'import igraph; print(igraph.__version__)')
ver=$(./cnet --version 2>/dev/null | head -n 1) || true
[ -n "$ver" ] || ver="cnet (version unknown)"
cat <<EOF
$ver ($(git rev-parse --short HEAD 2>/dev/null || echo '?')) vs python-igraph $igv
$(nproc) cores, ${cpu:-unknown CPU}; load average before the runs: $LOAD_BEFORE, after: $(cut -d' ' -f1-3 /proc/loadavg)
Best of $RUNS runs; CPU is user+system time; peak RSS is the largest of the runs.

| case | tool | command | best wall (s) | least CPU (s) | peak RSS (MB) |
|---|---|---|---:|---:|---:|
${ROWS}
| case | what | cnet/igraph wall | cnet/igraph CPU | cnet/igraph RSS |
|---|---|---:|---:|---:|
${SUMMARY}
Targets (issue 15): load + density() ≤ 0.30 of igraph's time and ≤ 0.60 of
its memory; --check of 10^7 ties under 3 s; constraint ≤ 0.20 of igraph's time.
EOF
"$PY" bench/plot.py "$RESULTS" "$OUT/scaling.svg" >&2 || say "no plot"

# --- import: the large case read from spreadsheets (appended) -------------------
# bench/gen.py --csv writes the same case as NAME-actors.csv + NAME-ties.csv
# (1,000,000 rows) and NAME-import.cnet, whose two `import` statements read
# them; cnet --check on it times a million-row import, next to the script.
for s in $SIZES; do
  n=${s%%:*} m=${s##*:}
  c="a${n}_t${m}"
  [ "$m" -le "${IMPORT_MAX_TIES:-1000000}" ] || continue
  [ -f "$DATA/$c-import.cnet" ] || python3 bench/gen.py --actors "$n" --ties "$m" --csv --out "$DATA" >&2
  run_n "$c cnet import" ./cnet --check "$DATA/$c-import.cnet"
  echo "import: \`./cnet --check $DATA/$c-import.cnet\` ($m rows of CSV): best ${BEST:-—} s wall, ${CPU:-—} s CPU, $((PEAK / 1024)) MB ($STATUS)"
done
