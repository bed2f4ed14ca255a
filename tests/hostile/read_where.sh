#!/usr/bin/env bash
# read_where.sh — what include and import read (run by read_where.cnet;
# $CNET is the binary): regular files only, checked before reading (a FIFO
# does not block, /dev/zero does not fill memory, /proc is refused); a file
# that is not a cnet script is reported once, none of its lines shown (a
# genuine script's errors still show theirs); --sandbox keeps reads in the
# script's folder.
set -u
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/case/data" "$T/secret"
printf 'root:x:0:0:SECRET-ROOT:/root:/bin/bash\ndaemon:x:1:1:SECRET-D:/usr/sbin\n' \
  > "$T/secret/passwd"
printf 'actor 秘\n' > "$T/secret/other.cnet"
printf 'name\nSECRET-CSV\n' > "$T/secret/people.csv"
printf '%s\n' '-----BEGIN KEY-----' 'U0VDUkVULUtFWQ' > "$T/case/key.pem"
ln -s "$T/secret/passwd" "$T/case/innocent.cnet"
ln -s "$T/secret" "$T/case/linked"
mkfifo "$T/case/pipe.cnet"
printf 'actor 甲\n\n甲 -- 乙\n' > "$T/case/data/typo.cnet"
printf 'name\n乙\n' > "$T/case/data/people.csv"
printf 'actor 丙\n' > "$T/case/data/ok.cnet"
cd "$T/case" || exit 1
w() { timeout 20 "$@" 2>&1 | sed "s|$T|T|g"; echo "[exit ${PIPESTATUS[0]}]"; }
run() { printf '%s\n' "$@" > main.cnet; w $CNET --check main.cnet; }
sandboxed() { printf '%s\n' "$@" > main.cnet; w $CNET --sandbox --check main.cnet; }

echo "--- no FIFO, device or file of the kernel"
run 'include "pipe.cnet"'
run 'include "/dev/zero"'
run 'import actors "/dev/zero"'
run 'include "/proc/self/environ"'

echo "--- a file that is no cnet script: one error, none of its lines"
run "include \"$T/secret/passwd\""
run 'include "key.pem"'
w $CNET -e 'count(actors())' main.cnet
run 'include "innocent.cnet"'
echo "--- a cnet script's errors show its lines"
run 'include "data/typo.cnet"'

echo "--- --sandbox: only the script's folder, no hidden file, no way out"
sandboxed 'include "data/ok.cnet"' 'import actors "data/people.csv"'
sandboxed 'include "../secret/other.cnet"'
sandboxed "import actors \"$T/secret/people.csv\""
sandboxed 'include "linked/other.cnet"'
sandboxed 'include "innocent.cnet"'
printf 'actor 丁\n' > .hidden.cnet
sandboxed 'include ".hidden.cnet"'
echo "--- without --sandbox the same reads are allowed"
run 'include "../secret/other.cnet"' 'import actors "../secret/people.csv"'
