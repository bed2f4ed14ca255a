#!/usr/bin/env bash
# tests/run.sh — the test runner: golden scripts, examples and unit tests,
# once for every cnet binary given.  Last line: "N passed, N failed".
#
#   tests/run.sh ./cnet [./cnet-asan …]   run everything with each binary
#   UPDATE=1 tests/run.sh ./cnet          rewrite the .out files
#   VALGRIND=1 tests/run.sh ./cnet        run each script under valgrind
#   ONLY=query/ tests/run.sh ./cnet       only the golden scripts whose path
#                                         contains this (no other checks)
#
# A golden test is tests/AREA/NAME.cnet with NAME.out beside it: the
# script's stdout and stderr together, then "[exit N]".  Lines at the top of
# the script set how it runs:
#   # args: --check            options put before the file name
#   # stdin: other.txt         feed this file to standard input
#   # run: COMMAND             run this shell command instead ($CNET is the
#                              binary; the working directory is the test's)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
[ $# -ge 1 ] || { echo "usage: tests/run.sh CNET…" >&2; exit 2; }
pass=0
fail=0
failed_names=()

vg=""
if [ "${VALGRIND:-0}" = 1 ]; then
  vg="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite"
  [ -f "$top/tests/valgrind.supp" ] && vg="$vg --suppressions=$top/tests/valgrind.supp"
fi

ok()   { pass=$((pass + 1)); }
bad()  { fail=$((fail + 1)); failed_names+=("$1"); echo "FAIL: $1"; }

run_golden() { # binary script
  local bin=$1 script=$2 dir name args stdin run out expected
  dir=$(dirname "$script"); name=$(basename "$script" .cnet)
  expected="$dir/$name.out"
  args=$(sed -n 's/^# args: //p' "$script" | head -1)
  stdin=$(sed -n 's/^# stdin: //p' "$script" | head -1)
  run=$(sed -n 's/^# run: //p' "$script" | head -1)
  out=$(cd "$dir" && export CNET="$vg $bin" &&
        if [ -n "$run" ]; then bash -c "$run" 2>&1
        elif [ -n "$stdin" ]; then $vg $bin $args "$name.cnet" < "$stdin" 2>&1
        else $vg $bin $args "$name.cnet" 2>&1 < /dev/null; fi
        echo "[exit $?]")
  if [ "${UPDATE:-0}" = 1 ]; then
    printf '%s\n' "$out" > "$expected"; ok; return
  fi
  if [ -f "$expected" ] && diff -u "$expected" <(printf '%s\n' "$out") > /tmp/cnet-diff.$$; then
    ok
  else
    bad "$script ($(basename "$bin"))"
    [ -f "$expected" ] || echo "  (no $expected; run UPDATE=1 tests/run.sh to create it)"
    head -40 /tmp/cnet-diff.$$ 2>/dev/null
  fi
  rm -f /tmp/cnet-diff.$$
}

for bin in "$@"; do
  bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
  # golden scripts
  for script in "$top"/tests/*/*.cnet; do
    [ -e "$script" ] || continue
    case "$script" in */fixtures/*|*/include/*) continue ;; esac
    [ -z "${ONLY:-}" ] || [[ "$script" == *"$ONLY"* ]] || continue
    run_golden "$bin" "$script"
  done
  # every built-in: expression, case, expected output (tests/builtins/);
  # ONLY=builtins runs these alone
  if [ "${UPDATE:-0}" != 1 ] && { [ -z "${ONLY:-}" ] || [[ tests/builtins/ == *"$ONLY"* ]]; }; then
    log=$(mktemp)
    last=$(python3 "$top/tests/builtins/run.py" "$bin" 2>&1 | tee "$log" | tail -1)
    if [[ "$last" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
      pass=$((pass + BASH_REMATCH[1])); fail=$((fail + BASH_REMATCH[2]))
      [ "${BASH_REMATCH[2]}" = 0 ] || { failed_names+=("builtins ($(basename "$bin"))"); grep -v '^[0-9]* passed' "$log" | head -60; }
    else
      bad "builtins ($(basename "$bin")): no result line"; tail -20 "$log"
    fi
    rm -f "$log"
  fi
  [ -z "${ONLY:-}" ] || continue
  # every example passes --check silently, is in canonical layout, and
  # matches its .out if any
  for ex in "$top"/examples/*.cnet; do
    [ -e "$ex" ] || continue
    if out=$($vg "$bin" --check "$ex" 2>&1) && [ -z "$out" ]; then ok
    else bad "$ex --check ($(basename "$bin"))"; printf '%s\n' "$out" | head -20; fi
    if out=$($vg "$bin" --fmt --check "$ex" 2>&1) && [ -z "$out" ]; then ok
    else bad "$ex --fmt --check ($(basename "$bin"))"; printf '%s\n' "$out" | head -20; fi
    [ -f "${ex%.cnet}.out" ] && run_golden "$bin" "$ex"
  done
  [ "${UPDATE:-0}" = 1 ] && break
  # every measure, through the language, against the oracle vectors
  vectors="$top/tests/oracles/vectors"
  if [ -d "$vectors" ]; then
    last=$(python3 "$top/tests/oracles/check.py" "$bin" "$vectors" 2>&1 | tee /tmp/cnet-oracle.$$ | tail -1)
    if [[ "$last" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
      pass=$((pass + BASH_REMATCH[1])); fail=$((fail + BASH_REMATCH[2]))
      [ "${BASH_REMATCH[2]}" = 0 ] || { failed_names+=("oracles ($(basename "$bin"))"); grep FAIL /tmp/cnet-oracle.$$ | head -30; }
    else
      bad "oracles ($(basename "$bin")): no result line"; tail -20 /tmp/cnet-oracle.$$
    fi
    rm -f /tmp/cnet-oracle.$$
  else
    bad "oracle vectors not found at $vectors"
  fi
  # the values of the peers' own test files, through the language
  # (tests/conformance/README.md); a case that needs an option not yet
  # built fails, and the summary names the option
  last=$(python3 "$top/tests/conformance/run.py" "$bin" 2>&1 | tee /tmp/cnet-conf.$$ | tail -1)
  if [[ "$last" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    pass=$((pass + BASH_REMATCH[1])); fail=$((fail + BASH_REMATCH[2]))
    [ "${BASH_REMATCH[2]}" = 0 ] || { failed_names+=("conformance ($(basename "$bin"))")
      grep '^FAIL' /tmp/cnet-conf.$$ | grep -v '\[needs ' | head -30; grep '^needs ' /tmp/cnet-conf.$$; }
  else
    bad "conformance ($(basename "$bin")): no result line"; tail -20 /tmp/cnet-conf.$$
  fi
  rm -f /tmp/cnet-conf.$$
  # every command of the tutorial prints what the tutorial shows
  last=$(CNET="$bin" python3 "$top/tests/docs/check_tutorial.py" 2>&1 | tee /tmp/cnet-tut.$$ | tail -1)
  if [[ "$last" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    pass=$((pass + BASH_REMATCH[1])); fail=$((fail + BASH_REMATCH[2]))
    [ "${BASH_REMATCH[2]}" = 0 ] || { failed_names+=("tutorial ($(basename "$bin"))"); head -40 /tmp/cnet-tut.$$; }
  else
    bad "tutorial ($(basename "$bin")): no result line"; tail -20 /tmp/cnet-tut.$$
  fi
  rm -f /tmp/cnet-tut.$$
done

# unit tests (built by `make unit`): their last line is "N passed, N failed"
if [ "${UPDATE:-0}" != 1 ] && [ -z "${ONLY:-}" ]; then
  for t in "$top"/build/test_*; do
    [ -x "$t" ] || continue
    name=$(basename "$t")
    arg=""
    [ "$name" = test_measures ] && arg="$top/build/fixtures"
    last=$("$t" $arg 2>&1 | tee /tmp/cnet-unit.$$ | tail -1)
    if [[ "$last" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
      pass=$((pass + BASH_REMATCH[1])); fail=$((fail + BASH_REMATCH[2]))
      [ "${BASH_REMATCH[2]}" = 0 ] || { failed_names+=("$name"); grep -v '^ok' /tmp/cnet-unit.$$ | head -30; }
    else
      bad "$name (no result line)"; tail -20 /tmp/cnet-unit.$$
    fi
    rm -f /tmp/cnet-unit.$$
  done
fi

# inputs the fuzzers once crashed on (and their seeds) must run clean
# under the sanitizers
if [ "${UPDATE:-0}" != 1 ] && [ -z "${ONLY:-}" ]; then
  for src in "$top"/tests/fuzz/fuzz_*.c; do
    kind=${src##*/fuzz_}; kind=${kind%.c}
    h="$top/build/regress_$kind"
    [ -x "$h" ] || { bad "fuzz harness build/regress_$kind is not built"; continue; }
    for f in "$top"/tests/fuzz/regressions/$kind/* "$top"/tests/fuzz/seeds/$kind/*; do
      [ -f "$f" ] || continue
      if out=$("$h" "$f" 2>&1) && [ -z "$out" ]; then ok
      else bad "fuzz regression $kind/$(basename "$f")"; printf '%s\n' "$out" | head -20; fi
    done
  done
fi

if [ "$fail" -gt 0 ]; then
  echo "failed: ${failed_names[*]}"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
