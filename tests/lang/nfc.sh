#!/usr/bin/env bash
# Unicode normalisation (run by nfc.cnet; $CNET is the binary under test).
# The fixtures are written here byte by byte, so no editor can recompose
# them: é decomposed is e + U+0301 (NFD, as macOS writes file text), é
# composed is U+00E9 (NFC); 한 is the jamo ᄒ ᅡ ᆫ or U+D55C; が is か + U+3099
# or U+304C.
set -u
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
e=$'e\xcc\x81'
E=$'\xc3\xa9'
han_nfd=$'\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab'
han_nfc=$'\xed\x95\x9c'
ga_nfd=$'\xe3\x81\x8b\xe3\x82\x99'
ga_nfc=$'\xe3\x81\x8c'
nfc() { python3 -c 'import sys, unicodedata
t = sys.stdin.read()
print("NFC" if unicodedata.is_normalized("NFC", t) else "NOT NFC", len(t.splitlines()), "lines")'; }
hex() { od -An -tx1 | tr -s ' \n' ' '; echo; }

# declared in one form, used in the other, both ways
cat > "$d/case.cnet" <<EOF
layer 婚姻
actor M${E}dicis, Strozzi, P${e}ruzzi
actor ${han_nfd}국, ${ga_nfc}っこう { place = "Ville-L${e}v${E}que" }
M${e}dicis -- Strozzi : 婚姻
P${E}ruzzi -- ${han_nfc}국 : 婚姻
${ga_nfd}っこう -- M${E}dicis : 婚姻 { source = "M${e}moire" }
EOF
cd "$d" || exit 1
echo "--- a script mixing NFC and NFD: one actor per name"
$CNET -e 'actors()' -e 'ties()' case.cnet
echo "--- every name it prints is NFC"
$CNET -f csv -e 'actors()' -e 'ties()' case.cnet | nfc
echo "--- the bytes of Médicis as stored: 4d c3 a9 …"
$CNET -f csv -e '[first(actors()).actor]' case.cnet | hex
echo "--- names and strings typed in NFD with -e, and in the REPL"
$CNET -e "degree(M${e}dicis)" -e "actors(place=\"Ville-L${E}v${e}que\") | count" \
  -e "evidence(M${E}dicis, ${ga_nfd}っこう)" case.cnet
printf 'neighbors(M%sdicis)\nneighbors("%s국")\n' "$e" "$han_nfd" | $CNET -i case.cnet
echo "--- errors point into the text as written (NFD shown as it is)"
cat > bad.cnet <<EOF
layer 婚姻
actor M${E}dicis, Strozzi
actor M${e}dicis
M${e}dicis -- Strozzo : 婚姻
Strozzi -- M${e}dicix : 婚姻
EOF
$CNET --check bad.cnet
echo "[exit $?]"

echo "--- an NFD spreadsheet: names, attribute values, a bad cell's column"
printf 'name,place\nP%sruzzi,L%sv%sque\nM%sdicis,L%sv%sque\nStrozzi,\n' \
  "$e" "$E" "$e" "$e" "$e" "$e" > actors.csv
printf 'from,to,span\nP%sruzzi,M%sdicis,1400\nP%sruzzi,Strozzi,14x0\n' \
  "$e" "$E" "$e" > ties.csv
cat > imp.cnet <<EOF
import actors "actors.csv"
import ties "ties.csv"
EOF
$CNET --check imp.cnet
echo "[exit $?]"
sed -i '$d' ties.csv
$CNET -e 'actors()' -e "actors(place=\"L${E}v${E}que\") | count" \
  -e "degree(P${E}ruzzi)" imp.cnet
$CNET -f csv -e 'actors()' imp.cnet | nfc

echo "--- --fmt and :save write NFC, which loads the same"
$CNET --fmt case.cnet > fmt.cnet
nfc < fmt.cnet
echo ":save saved.cnet" | $CNET -i case.cnet
nfc < saved.cnet
for f in case fmt saved; do
  $CNET -f json -e 'actors()' -e 'ties()' -e 'degree()' "$f.cnet" > "$f.json"
done
cmp case.json fmt.json && cmp case.json saved.json && echo "same answers"
