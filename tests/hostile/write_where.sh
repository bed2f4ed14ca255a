#!/usr/bin/env bash
# write_where.sh — where a script may write (run by write_where.cnet; $CNET
# is the binary): under the working directory and the script's folder, not
# by "..", an absolute path, a linked folder or a hidden name; export(),
# render() and :save alike; --allow-write=DIR widens.
set -u
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/proj/sub" "$T/proj/.hidden" "$T/outside" "$T/other"
ln -s "$T/outside" "$T/proj/esc"
printf 'actor 甲, 乙\n甲 -- 乙\n' > "$T/proj/sub/case.cnet"
cd "$T/proj" || exit 1
w() { "$@" 2>&1 | sed "s|$T|T|g"; echo "[exit ${PIPESTATUS[0]}]"; }

echo "--- allowed: the working directory and the script's folder"
w $CNET -e 'export(to="here.json")' -e 'export(to="sub/there.csv")' sub/case.cnet
(cd "$T/other" && w $CNET -e 'export(to="../proj/sub/far.json")' ../proj/sub/case.cnet)

echo "--- refused: .., an absolute path, a linked folder, hidden names"
for to in ../outside/x.json "$T/outside/x.json" esc/x.json .hidden/x.json \
  .x.json sub/.y.json; do
  w $CNET -e "export(to=\"$to\")" sub/case.cnet
done

echo "--- render() and :save are held to the same"
w $CNET -e 'render(to="../outside/f.svg")' sub/case.cnet
echo ':save ../outside/s.cnet' | w $CNET -i sub/case.cnet

echo "--- --allow-write=DIR widens; it must name a directory"
w $CNET --allow-write="$T/outside" -e 'export(to="esc/y.json")' sub/case.cnet
w $CNET --allow-write="$T/nowhere" -e '1' sub/case.cnet

echo "--- the files there are"
(cd "$T" && find . -type f | sort)
