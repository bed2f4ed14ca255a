#!/usr/bin/env bash
# roundtrip.sh CNET: export a case to CSV, import the CSV back in another
# script (the same declarations, then `import actors` and `import ties`),
# and ask both the same queries: every answer must be the same.
set -u
cnet=$1
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
orig=$here/fixtures/town.cnet
cp "$here/fixtures/town_decls.cnet" "$tmp/"
printf '%s\n' 'include "town_decls.cnet"' 'import actors "town-actors.csv"' \
  'import ties "town.csv"' 'group 政企 "政企联盟" = {B县政府, 何竹贤}' \
  > "$tmp/back.cnet"
# transient=true: the one-off contacts too, so that every query can be asked
$cnet --allow-write="$tmp" -e "export(transient=true, to=\"$tmp/town.csv\")" "$orig" || exit 1
$cnet --check "$tmp/back.cnet" || exit 1
same=0 differ=0
while IFS= read -r q; do
  a=$($cnet -e "$q" "$orig" 2>&1)
  b=$($cnet -e "$q" "$tmp/back.cnet" 2>&1)
  if [ "$a" = "$b" ]; then
    same=$((same + 1))
  else
    differ=$((differ + 1))
    echo "DIFFERENT: $q"
    diff <(printf '%s\n' "$a") <(printf '%s\n' "$b") | head -20
  fi
done <<'QUERIES'
actors()
ties()
ties(transient=true)
brokers(stage=起步)
brokers(stage=整合)
brokers(stage=整合, collapse=政企)
brokers()
constraint()
constraint(stage=整合)
[constraint(stage=s) for s in stages()]
degree()
degree(stage=起步)
[density(stage=s) for s in stages()]
density()
betweenness()
effsize(stage=整合)
components()
actors(place=县内)
actors(kind=企业)
ties(at=2003)
ties(layer=政策)
ties(drop_source="181025XZ")
evidence(何竹贤)
keyactors()
QUERIES
echo "$same queries give the same answer, $differ differ"
[ "$differ" = 0 ]
