#!/usr/bin/env bash
# :reload (run by reload.cnet).  The REPL runs as a coprocess so that the
# file can be changed between two inputs, after the first was answered.
# Every read has a timeout: a wrong answer fails the test, never hangs it.
set -u
d=$(mktemp -d)
cp fixtures/village.cnet "$d/v.cnet"
printf 'actor 外来户 : 农户\n' > "$d/extra.cnet"
cd "$d" || exit 1

coproc REPL { exec $CNET -i v.cnet 2>&1; }
pid=$REPL_PID
trap 'kill "$pid" 2>/dev/null; rm -rf "$d"' EXIT
# Send one input and print it with its answer: the lines up to the marker
# that the query "--" prints after it.
say() {
  echo "> $1"
  printf '%s\n' "$1" '"--"' >&"${REPL[1]}"
  local line
  while IFS= read -r -t 20 line <&"${REPL[0]}"; do
    [ "$line" = "--" ] && return 0
    echo "$line"
  done
  echo "(no answer)"
  exit 1
}
say 'count(actors())'
say 'actor 新人; let n = 1; def f() = 2'
say 'count(actors())'
say ':reload'
say 'count(actors())'
say 'n'
say 'f()'
echo "# the file gains an actor"
printf 'actor 后来者 : 农户\n' >> v.cnet
say ':reload'
say 'count(actors())'
echo "# the file breaks"
printf '后来者 -- 无此人 : 交易\n' >> v.cnet
say ':reload'
say 'count(actors())'
echo "# repaired, and a file loaded with :load"
sed -i '$d' v.cnet
say ':load extra.cnet'
say ':reload'
say 'count(actors())'
printf ':quit\n' >&"${REPL[1]}"
wait "$pid"
echo "[exit $?]"
