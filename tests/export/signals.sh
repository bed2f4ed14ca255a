#!/usr/bin/env bash
# signals.sh — SIGINT, SIGTERM or SIGHUP during an export (run by
# signals.cnet; $CNET is the binary): cnet ends as the signal would end it,
# and neither its temporary files nor a half-written target are left.
set -u
set -m # background jobs keep SIGINT (a shell without job control ignores it)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1
awk 'BEGIN { n = 60000; print "layer 交易"
  for (i = 0; i < n; i++) print "actor a" i
  for (i = 0; i < 4 * n; i++) print "a" (i % n) " -- a" ((i * 7 + 1 + 2 * int(i / n)) % n) " : 交易" }' \
  > big.cnet
for sig in INT TERM HUP; do
  # the write lasts about half a second; on a loaded machine this shell may
  # send the signal only after cnet has finished (exit 0, the file whole):
  # that try says nothing about a signal during the write, so try again
  for ((try = 0; try < 5; try++)); do
    rm -f "big-$sig.json"
    # the signals as they are by default, even when this test runs where
    # they are ignored (under nohup, or a background job of a script)
    env --default-signal=INT,TERM,HUP $CNET -e "export(to=\"big-$sig.json\")" big.cnet 2>&1 &
    pid=$!
    seen=no
    for ((i = 0; i < 3000; i++)); do # up to 30 s for the temporary to appear
      if compgen -G ".big-$sig.json.cnet-*" > /dev/null; then seen=yes; break; fi
      sleep 0.01
    done
    kill -"$sig" "$pid"
    { wait "$pid"; } 2> /dev/null # not the shell's note of how it ended
    rc=$?
    [ "$rc" != 0 ] && break
  done
  echo "SIG$sig: temporary seen before the signal: $seen; exit $rc;" \
    "left: $(ls -A | grep -v -x big.cnet | tr '\n' ' ')"
done
