#!/usr/bin/env bash
# :save round trip (run by save.cnet; $CNET is the binary under test).
set -u
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT

# What the session adds: declarations of every kind, lets and defs whose
# expressions exercise the printer (precedence, escapes, comprehensions).
cat > "$d/session.txt" <<'IN'
actor 新人 : 农户 2003.. { note = "引号\"与\\反斜杠\t制表", 年龄 = -3, tags = [甲, "乙 丙", 2.5] }
新人 -- 张三 : 交易 2011..2014 { source = "B07", weight = 0.25 }
新人 <- 县农业局 : 政策 in 发展
{case} -- 何竹贤 : 交易
group 新组 "新的组" = {新人, 张三} { color = "#ff0000" }
event 2012..2013 "新事件" { stage = 发展 }
let hub = first(brokers(stage=发展)).actor
let e1 = (1 + 2) * 3 - -4 / (5 - 6)
let e2 = not (true and false) or 1 < 2
let e3 = [x * 2 for x in [1, 2, 3] if x > 1]
let e4 = {a: 1, b: "s\"q", c: [1.5e-7, 1e21, 0.1]}
let e5 = brokers(stage=起步) | top(1)
let e6 = 2 in [1, 2] and -(-3) == 3
let e7 = ["a" in ["a"] for x in [1]]
def 两倍(x) = x * 2
def 层(s) = layers(stage=s) | count
IN
# 'case' as an actor name is quoted where a statement starts
sed -i '1i actor case : 农户' "$d/session.txt"

cat > "$d/queries.txt" <<'IN'
actors()
ties()
stages()
layers()
kinds()
groups()
timeline()
evidence(何竹贤)
neighbors(新人)
degree()
strength()
constraint()
betweenness()
closeness()
brokers(stage=起步)
brokers(stage=发展)
brokers(stage=发展, collapse=新组)
explain(何竹贤, stage=起步)
diff(起步, 发展)
nesting()
keyactors()
[hub, e1, e2, e3, e4, e6, e7]
e5
两倍(21)
[层(s) for s in stages()]
IN

echo "--- a session that adds to the case, then :save"
# (the temporary folder's name, in the "saved …" line, shown as DIR)
{ (cat "$d/session.txt"; echo ":save $d/saved.cnet") |
    $CNET --allow-write="$d" -i fixtures/village.cnet 2>&1
  echo "[exit $?]"; } | sed "s|$d|DIR|g"
echo "--- the saved script"
cat "$d/saved.cnet"

echo "--- the same queries: the session, then the saved script alone"
(cat "$d/session.txt" "$d/queries.txt") |
  $CNET -f json -i fixtures/village.cnet > "$d/session.out" 2>&1
$CNET -f json -i "$d/saved.cnet" < "$d/queries.txt" > "$d/saved.out" 2>&1
if cmp -s "$d/session.out" "$d/saved.out"; then
  echo "same answers ($(wc -l < "$d/session.out") lines)"
else
  diff "$d/session.out" "$d/saved.out"
fi

echo "--- saving the saved script again changes nothing"
echo ":save $d/again.cnet" | $CNET -i "$d/saved.cnet" 2>&1 | sed "s|$d|DIR|g"
cmp "$d/saved.cnet" "$d/again.cnet" && echo "same text"

echo "--- no temporary file is left beside it"
ls -A "$d" | grep -v -x -e session.txt -e queries.txt -e session.out \
  -e saved.out -e saved.cnet -e again.cnet || echo "none"

echo "--- a directory that does not exist; --no-write"
here=$PWD
cd "$d" || exit 1
echo ":save nodir/x.cnet" | $CNET -i "$here/fixtures/village.cnet"
echo "[exit $?]"
echo ":save refused.cnet" | $CNET --no-write -i "$here/fixtures/village.cnet"
echo "[exit $?]"
[ -e refused.cnet ] && echo "written anyway!" || echo "not written"
