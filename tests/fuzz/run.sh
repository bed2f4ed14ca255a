#!/usr/bin/env bash
# run.sh — `make fuzz`: every libFuzzer harness in turn for its share of
# FUZZ_SECONDS (default 600, ten minutes in all), inputs up to 1 MB, from
# its seeds and from generated long inputs (the deep and long kinds of input
# that once crashed cnet).  A crash is saved under tests/fuzz/regressions/
# KIND/ (then a regression test) and fails the run.  Prints, per harness,
# how many inputs ran.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
total=${FUZZ_SECONDS:-600}
kinds=()
for src in "$top"/tests/fuzz/fuzz_*.c; do
  k=${src##*/fuzz_}; kinds+=("${k%.c}")
done
each=$(( total / ${#kinds[@]} ))
[ "$each" -ge 1 ] || each=1
corpus="$top/build/corpus"

# Long inputs no mutation reaches by chance from small seeds.
gen() {
  mkdir -p "$corpus/long"
  python3 - "$corpus/long" <<'PY'
import sys, os
d = sys.argv[1]
def w(name, text):
    open(os.path.join(d, name), 'w', encoding='utf-8').write(text)
case = 'layer L\nactor a, b\na -- b : L\n'
w('chain_plus', 'let x = ' + '+'.join(['1'] * 40000) + '\nx\n')
w('chain_and', 'let y = ' + ' and '.join(['true'] * 30000) + '\n')
w('chain_str', 'let s = ' + ' + '.join(['"a"'] * 30000) + '\n')
w('deep_list', 'let l = ' + '[' * 5000 + ']' * 5000 + '\n')
w('deep_lets', case + 'let a0 = []\n' + ''.join('let a%d = [a%d]\n' % (i + 1, i) for i in range(20000)) + 'a20000\n')
w('wide_actors', 'actor ' + ', '.join('n%d' % i for i in range(50000)) + '\n')
PY
  python3 - "$corpus/long_csv" <<'PY'
import sys, os
d = sys.argv[1]; os.makedirs(d, exist_ok=True)
open(os.path.join(d, 'wide'), 'wb').write(b'\x00' + ','.join('c%d' % i for i in range(20000)).encode() + b'\nx\n')
open(os.path.join(d, 'tall'), 'wb').write(b'\x01' + b'from,to\n' + b''.join(b'a%d,b%d\n' % (i, i) for i in range(50000)))
PY
}
gen

seeds() { # the seed folders of a harness
  case $1 in
    parse) echo "$top/examples $top/tests/lang $top/tests/query $corpus/long" ;;
    fmt) echo "$top/examples $top/tests/fmt $top/tests/lang $corpus/long" ;;
    csv) echo "$top/tests/fuzz/seeds/csv $corpus/long_csv" ;;
    export|dot) echo "$top/tests/fuzz/seeds/$1 $top/examples $corpus/long" ;;
    *) echo "$top/tests/fuzz/seeds/$1 $corpus/long" ;;
  esac
}

status=0
summary=()
for k in "${kinds[@]}"; do
  mkdir -p "$corpus/$k" "$top/tests/fuzz/regressions/$k"
  dict=()
  [ "$k" = query ] || [ "$k" = repl ] && dict=(-dict="$top/tests/fuzz/query.dict")
  log="$top/build/fuzz-$k.log"
  # shellcheck disable=SC2046
  # slow inputs are no finding (a 1 MB script takes a while): not reported
  "$top/build/fuzz_$k" -max_total_time="$each" -max_len=1048576 -timeout=20 \
    -report_slow_units=1000000 \
    -rss_limit_mb=4096 -artifact_prefix="$top/tests/fuzz/regressions/$k/" \
    -print_final_stats=1 "${dict[@]}" "$corpus/$k" $(seeds "$k") >"$log" 2>&1
  rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  if [ "$rc" -ne 0 ]; then
    status=1
    summary+=("$k: FOUND A CRASH after ${runs:-?} inputs (see $log)")
    grep -m5 -E 'ERROR|SUMMARY|Test unit written' "$log"
  else
    summary+=("$k: ${runs:-?} inputs in ${each}s, nothing found")
  fi
done
printf '%s\n' "${summary[@]}"
exit $status
