#!/usr/bin/env bash
# :save of imported ties (run by save_import.cnet; $CNET is the binary).
set -u
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
cd "$d" || exit 1
cat > ties.csv <<'CSV'
from,to,weight,source,transient,note
甲,乙,2.5,访谈A; 文件1,false,x
乙,丙,,B07,true,
甲,丙,0.5,,,"y ""z"""
CSV
cat > case.cnet <<'CNET'
actor 甲, 乙, 丙
import ties "ties.csv"
CNET
echo ":save saved.cnet" | $CNET -i case.cnet
sed -n '/---- ties/,$p' saved.cnet
for f in case saved; do
  $CNET -f json -e 'ties(transient=true)' -e 'strength()' "$f.cnet" > "$f.json"
done
cmp case.json saved.json && echo "same ties, weights, sources and transience"
