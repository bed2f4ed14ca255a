#!/usr/bin/env bash
# tty.sh — the REPL driven through a real pseudo-terminal (tmux): line
# editing, Tab completion of Chinese names, multi-line input, errors,
# Ctrl-C at the prompt and during a long query, history across sessions
# (and shared by two at once, none under --no-write),
# :save then loading the saved case.  Run by tty.cnet; $CNET is the binary.
# Every wait polls the screen with a timeout; the private tmux servers
# (their sockets in a temporary directory) are killed at the end.
set -u
unset TMUX
here=$PWD
d=$(mktemp -d)
# one private tmux server per session (a server being killed cannot take
# a new session at once), all killed at the end
nsock=0
sock="$d/tmux-0"
T() { tmux -u -S "$sock" -f "$d/tmux.conf" "$@"; }
finish() {
  for ((k = 1; k <= nsock; k++)); do
    tmux -S "$d/tmux-$k" kill-server 2>/dev/null
  done
  rm -rf "$d"
}
trap finish EXIT
printf 'set -g remain-on-exit on\nset -g history-limit 20000\nset -g default-shell /bin/bash\n' \
  > "$d/tmux.conf"
mkdir -p "$d/home"
pass=0
fail=0
slow=1
case "$CNET" in *valgrind*) slow=10 ;; esac

# the whole screen and its history, without trailing blanks
screen() { T capture-pane -p -J -S - -t cnet 2>/dev/null | sed 's/[[:space:]]*$//'; }
# wait until the screen shows text (a fixed string), or time out
wait_for() {
  local i=0 n=$(( ${2:-20} * 10 * slow ))
  while [ $i -lt $n ]; do
    screen | grep -qF -- "$1" && return 0
    sleep 0.1
    i=$((i + 1))
  done
  return 1
}
prompts() { screen | grep -c '^cnet>'; }
# wait until at least n prompts were shown
wait_prompts() {
  local i=0 n=$(( ${2:-20} * 10 * slow ))
  while [ $i -lt $n ]; do
    [ "$(prompts)" -ge "$1" ] && return 0
    sleep 0.1
    i=$((i + 1))
  done
  return 1
}
check() { # name, then a command that must succeed
  local name=$1
  shift
  if "$@"; then
    echo "ok - $name"
    pass=$((pass + 1))
  else
    echo "not ok - $name"
    fail=$((fail + 1))
    screen | sed '/^$/d' | tail -25 | sed 's/^/    | /'
  fi
}
start() { # the REPL with these arguments, in a fresh tmux server
  T kill-server 2>/dev/null
  also_start "$@"
}
data="$d/data" # the sessions' $XDG_DATA_HOME
also_start() { # the same, the session before left running in its server
  nsock=$((nsock + 1))
  sock="$d/tmux-$nsock"
  # bash waits for the REPL through Ctrl-C and prints its exit status
  T new-session -d -s cnet -x 160 -y 50 \
    "cd '$here' && env HOME='$d/home' XDG_DATA_HOME='$data' LANG=C.UTF-8 \
     LC_ALL= TERM=screen EDITRC=/dev/null $CNET $*; echo \"[exit \$?]\""
}
type_line() { T send-keys -t cnet -l "$1"; T send-keys -t cnet Enter; }
# type a line, then wait for the next prompt (nothing is typed ahead)
run_line() {
  local n
  n=$(prompts)
  type_line "$1"
  wait_prompts $((n + 1)) "${2:-20}"
}
# the line after the one that reads exactly `cnet> INPUT`
answer() { screen | grep -A1 -x -F -- "cnet> $1" | tail -1; }
clean_exit() { # the session ended with status 0 and no sanitizer report
  wait_for "[exit 0]" 30 && ! screen | grep -q "Sanitizer"
}

# ---- editing, completion, multi-line, errors -------------------------
start --allow-write="$d" -i ../../examples/b_county.cnet
check "the REPL starts with a prompt" wait_prompts 1 60

# type a slip, move left over seven characters, insert the missing one
T send-keys -t cnet -l 'degee(何竹贤)'
T send-keys -t cnet Left Left Left Left Left Left Left
T send-keys -t cnet -l 'r'
T send-keys -t cnet Enter
wait_prompts 2
check "line editing: left arrow, then insert" \
  test "$(answer 'degree(何竹贤)')" = "9"

# Tab completes a Chinese name from its first character
T send-keys -t cnet -l 'degree(何'
T send-keys -t cnet Tab
check "Tab completes 何 to 何竹贤" wait_for "cnet> degree(何竹贤" 5
run_line ')'

# two names whose next characters share their first UTF-8 byte (城 E5 9F 8E,
# 农 E5 86 9C): Tab keeps the typed word whole and lists both
run_line 'actor 丙城, 丙农'
T send-keys -t cnet -l 'degree(丙'
T send-keys -t cnet Tab Tab
check "Tab keeps a CJK word when candidates share a lead byte" \
  wait_for "丙农" 5
check "... and the word is still on the line" \
  test "$(screen | grep -c -x -F 'cnet> degree(丙')" -ge 1
T send-keys -t cnet C-u

# named arguments and their values complete too
T send-keys -t cnet -l 'brokers(coll'
T send-keys -t cnet Tab
T send-keys -t cnet -l '政'
T send-keys -t cnet Tab
T send-keys -t cnet -l ', stage=拓'
T send-keys -t cnet Tab
T send-keys -t cnet -l ') | top(1'
wait_for "cnet> brokers(collapse=政企联盟, stage=拓展) | top(1" 5
check "Tab completes collapse=, a group and a stage" \
  wait_for "cnet> brokers(collapse=政企联盟, stage=拓展) | top(1" 1
run_line ')'

# a built-in's named argument completes from its record, and so does its
# value by the record's type (true/false here, not every word with a t)
T send-keys -t cnet -l 'betweenness(何竹贤, norm'
T send-keys -t cnet Tab
T send-keys -t cnet -l 't'
T send-keys -t cnet Tab
check "Tab completes normalized= and its value true" \
  wait_for "cnet> betweenness(何竹贤, normalized=true" 5
T send-keys -t cnet C-u

# an open bracket continues on the next line
type_line 'brokers(stage=整合'
check "an open bracket gives a continuation prompt" wait_for " ...>" 5
run_line ') | top(1)'
check "the continued statement runs" \
  bash -c "tmux -u -S '$sock' -f '$d/tmux.conf' capture-pane -p -J -S - -t cnet | grep -A2 -F ' ...> ) | top(1)' | grep -q '^B县政府'"

# an error, then a valid query in the same session
run_line 'degree(何竹先)'
check "an error is reported at <repl>:LINE:COL" \
  wait_for "<repl>:7:8: error: unknown actor '何竹先'" 5
run_line 'degree(何竹贤)'
check "a valid query after the error" \
  test "$(screen | grep -A1 -x -F 'cnet> degree(何竹贤)' | tail -1)" = "9"

# Ctrl-C at the prompt drops the line
T send-keys -t cnet -l 'count(stages(' 
T send-keys -t cnet C-c
wait_prompts 8
run_line 'count(stages())'
check "Ctrl-C at the prompt clears the line" \
  test "$(answer 'count(stages())')" = "3"

# the case grows, a let, then :save
run_line 'actor 新人 : 企业'
run_line '新人 -- 何竹贤 : 交易 2000..'
run_line 'let hub = first(brokers(stage=整合)).actor'
run_line 'degree(新人) + degree(何竹贤)'
before=$(answer 'degree(新人) + degree(何竹贤)')
run_line 'hub'
hub_before=$(answer 'hub')
run_line ":save $d/saved.cnet"
check ":save writes the case" wait_for "saved $d/saved.cnet: 36 actors, 63 ties" 10
type_line ':quit'
check ":quit leaves with status 0" clean_exit

# ---- the saved case in a new session; history -------------------------
start -i "$d/saved.cnet"
wait_prompts 1 60
run_line 'degree(新人) + degree(何竹贤)'
run_line 'hub'
check "the saved case gives the same answers ($before, $hub_before)" \
  test "$(answer 'degree(新人) + degree(何竹贤)')/$(answer 'hub')" = "$before/$hub_before"
# a name that cannot be written bare completes quoted, so the line runs
run_line 'actor "S 1" : 企业'
T send-keys -t cnet -l 'degree(S'
T send-keys -t cnet Tab
check "Tab completes S to the quoted \"S 1\"" wait_for 'cnet> degree("S 1"' 5
T send-keys -t cnet C-u
T send-keys -t cnet -l 'degree("S'
T send-keys -t cnet Tab
check "Tab inside a quote closes it" wait_for 'cnet> degree("S 1"' 5
T send-keys -t cnet -l ')'
T send-keys -t cnet Enter
check "the completed line runs" \
  bash -c "tmux -u -S '$sock' -f '$d/tmux.conf' capture-pane -p -J -S - -t cnet | grep -A1 -x -F 'cnet> degree(\"S 1\")' | tail -1 | grep -qx 0"
check "history is kept in \$XDG_DATA_HOME/cnet/history" \
  grep -qx ':quit' "$d/data/cnet/history"
T send-keys -t cnet Up Up
check "Up recalls the lines of the session before" \
  wait_for "cnet> degree(新人) + degree(何竹贤)" 5
T send-keys -t cnet C-c
wait_prompts 4  # keys typed before the fresh prompt could be lost
T send-keys -t cnet C-d
check "Ctrl-D leaves with status 0" clean_exit

# ---- two sessions at once share the history; --no-write keeps none ------
start -i ../../examples/b_county.cnet
first=$sock
wait_prompts 1 60
run_line 'count(actors()) + 101'
also_start -i ../../examples/b_county.cnet
wait_prompts 1 60
run_line 'count(actors()) + 202'
type_line ':quit'
clean_exit
sock=$first # the first session, still open, types again and leaves last
run_line 'count(actors()) + 303'
type_line ':quit'
check "the session that leaves last leaves cleanly" clean_exit
check "two sessions at once: the history keeps the inputs of both" \
  test "$(grep -c -F -e 'count(actors())\040+\040101' \
    -e 'count(actors())\040+\040202' -e 'count(actors())\040+\040303' \
    "$d/data/cnet/history")" = 3
data="$d/data-nowrite"
start --no-write -i ../../examples/b_county.cnet
wait_prompts 1 60
run_line 'count(actors())'
T send-keys -t cnet C-d
check "--no-write: the session leaves cleanly" clean_exit
check "--no-write: no history, not even its directory" test ! -e "$data"
data="$d/data"

# ---- --echo: the file's expressions are shown, what is typed is not -----
printf 'actor 甲, 乙\n甲 -- 乙\ncount(actors())\n' > "$d/echo.cnet"
start -i --echo "$d/echo.cnet"
wait_prompts 1 60
check "--echo shows the file's expression before its result" \
  test "$(screen | grep -A1 -x -F '> count(actors())' | tail -1)" = "2"
run_line 'count(actors()) + 1'
check "... but not again a line typed at the prompt" \
  test "$(answer 'count(actors()) + 1')/$(screen | grep -c -F '> count(actors()) + 1')" = "3/1"
T send-keys -t cnet C-d
check "and leaves cleanly" clean_exit

# ---- Ctrl-C stops a long query -----------------------------------------
awk 'BEGIN {
  n = 20000; srand(7)
  for (i = 0; i < n; i++) print "actor a" i
  for (i = 0; i < n; i++) print "a" i " -- a" (i + 1) % n
  for (k = 0; k < 2 * n; k++) {
    a = int(rand() * n); b = (a + 2 + int(rand() * (n - 3))) % n
    print "a" a " -- a" b
  }
}' > "$d/big.cnet"
start -i "$d/big.cnet"
wait_prompts 1 120
type_line '[betweenness() | top(1) for i in [1, 2, 3, 4, 5, 6, 7, 8]]'
sleep $((2 * slow))
check "the query is still running after 2 s" test "$(prompts)" = 1
T send-keys -t cnet C-c
check "Ctrl-C interrupts it" wait_for "error: interrupted" 30
wait_prompts 2 30
run_line 'degree(a1) > 1' 30
check "the session goes on after Ctrl-C" test "$(answer 'degree(a1) > 1')" = "true"

# a name with an escape sequence (a terminal title) is never offered: Tab
# completes the only other name
run_line 'actor "丁\u{1B}]0;pwned\u{7}x", 丁丁'
T send-keys -t cnet -l 'degree(丁'
T send-keys -t cnet Tab
check "Tab does not offer a name with control characters" \
  wait_for "cnet> degree(丁丁" 5
T send-keys -t cnet C-u
T send-keys -t cnet C-d
check "and leaves cleanly" clean_exit

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
