#!/usr/bin/env python3
"""gen.py — writes a script long enough that its runs of plain tie lines are
read by two threads (lang/fastpar.c: after 4096 lines of a run, in blocks
of 128 KB), with errors at places only on_stmt finds (unknown actors, a tie
to itself, a span that misses an actor's life), lines that end a run (a
quoted name, an attribute block, a keyword) and a last line without a line
break.  `gen.py many` writes one with more errors than are reported, so the
parse stops in the middle of a block; `gen.py clean` one without errors.
Deterministic: no randomness."""
import sys

mode = sys.argv[1] if len(sys.argv) > 1 else ""
many, clean = mode == "many", mode == "clean"
out = ['case "long run"', "layer 交易", "layer 政策"]
n_actors = 3000
for i in range(0, n_actors, 50):
    out.append("actor " + ", ".join("a%d" % k if k % 8 else "企业%d" % k
                                    for k in range(i, i + 50)))
out.append("actor 短命 1990..1995")

def name(k):
    return "a%d" % k if k % 8 else "企业%d" % k

for t in range(60000):
    # every pair once (a repeated tie is warned of): a runs over all actors
    # every 3000 lines, and its partner is one further each time
    a = (t * 7919) % n_actors
    b = (a + 1 + t // n_actors) % n_actors
    op = "->" if t % 10 == 3 else "<-" if t % 10 == 6 else "--"
    layer = "政策" if t % 5 == 0 else "交易"
    span = " 1990..2005" if t % 97 == 0 else " ..1999" if t % 89 == 0 else ""
    line = "%s %s %s : %s%s" % (name(a), op, name(b), layer, span)
    if clean and t in (9000, 21000, 33000, 55000):
        pass
    elif t == 9000 or (many and t % 1500 == 700):
        line = "%s -- 企业x%d : 交易" % (name(a), t)     # unknown actor
    elif t == 21000:
        line = "%s -- %s : 交易" % (name(a), name(a))   # a tie to itself
    elif t == 33000:
        line = "短命 -- %s : 交易 2000..2001" % name(b)  # misses a life
    elif t == 40000:
        line = '"%s" -- %s : 交易' % (name(a), name(b))  # a run ends here
    elif t == 47000:
        line = "%s -- %s : 交易 {weight = 2}" % (name(a), name(b))
    elif t == 52000:
        line = "%s -- %s : 交易 # a comment" % (name(a), name(b))
    elif t == 55000:
        line = "%s -- %s : 政策s" % (name(a), name(b))  # unknown layer
    out.append(line)
out.append("count(ties())")
sys.stdout.write("\n".join(out))  # no line break at the end
