#!/usr/bin/env python3
"""Names that reload (run by names.cnet; $CNET is the binary under test).

Generates awkward names — punctuation, spaces, keywords, leading digits,
numbers, emoji, right-to-left text, quotes, backslashes, line breaks,
decomposed accents (NFD) — as actors, layers, kinds, stages, a group and
attribute keys; imports the actors and ties from CSV; saves the case with
:save (the REPL reading a pipe) and lays the result out with --fmt; loads
each script again and checks that every name comes back byte for byte (in
NFC) and that the case answers the same.  Then each one-word name is
written bare in an `actor` statement: cnet either takes it as that very
name or says how to quote it, and the quoted form it suggests is accepted.
"""
import csv
import json
import os
import random
import re
import shlex
import subprocess
import sys
import tempfile
import unicodedata

CNET = shlex.split(os.environ.get("CNET", "cnet"))

FIXED = [
    "Dall'Antella", "C-Donati", "O'Brien & Sons", "AT&T", "Yahoo!",
    "A省 常务副省长", " leading space", "trailing space ", "two  spaces",
    "tab\there", "line\nbreak", 'quote"inside', "back\\slash", "\\", '"',
    "'", "'t Hooft", "--", "->", "<-", "..", "a.b", "a:b", "a,b", "a;b",
    "a=b", "{x}", "[x]", "(x)", "#hash", "a # b", "// c", "*", "+1", "-1",
    "1997", "3.14", "1e5", "007", "3M", "2nd", "0x1F", "x--y", "@home",
    "in", "true", "false", "and", "or", "not", "for", "if", "case", "layer",
    "kind", "stage", "actor", "group", "event", "let", "def", "include",
    "import", "Medici", "何竹贤", "马克斯·韦伯", "·dot", "😀", "🏭工厂",
    "👨\u200d👩\u200d👧", "🇨🇳", "שלום", "مرحبا", "עברית-1",
    "\u202eRLO", "甲，乙", "“引号”", "Pe\u0301ruzzi", "Ze\u0301\u0302",
    "\u1112\u1161\u11ab\u1100\u116e\u11a8",  # 한국, decomposed
    "\u304b\u3099\u3063\u3053\u3046",        # がっこう, か + ゛
    "\u212bngstr\u00f6m",                    # Å as the Angstrom sign
    "bell\x07", "x" * 3 + "-é" * 60,
]

# characters the random names are drawn from
POOL = ("abcXYZ019_ !\"#$%&'()*+,-./:;<=>?@[\\]^`{|}~\t"
        "何竹贤县·，“”😀\u200dשל\u0301\u0308é")

QUERIES = [
    "actors()", "ties()", "layers()", "kinds()", "stages()", "groups()",
    "degree()", "constraint()", 'brokers(stage="S 1")', 'brokers(stage="1997")',
    "[count(actors()), count(ties()), count(layers()), count(kinds()), "
    "count(stages()), count(groups())]",
    '[a."birth year" for a in actors()]',
]

# what separates words where cnet looks for a name to quote
SEPARATORS = set(" \t\n\r,;:()[]{}=\"#")
FULLWIDTH = set("，：（）＝；“”‘’「」【】—…\u3000\u3001\u3002\u00a0")


def nfc(s):
    return unicodedata.normalize("NFC", s)


def generated(seed=7, n=80):
    rng = random.Random(seed)
    out = []
    while len(out) < n:
        s = "".join(rng.choice(POOL) for _ in range(rng.randint(1, 8)))
        if s.strip():
            out.append(s)
    return out


def quote(s):
    """A cnet string literal."""
    out = ['"']
    for ch in s:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append("\\u{%X}" % ord(ch))
        else:
            out.append(ch)
    return "".join(out) + '"'


def unquote(lit):
    """The text of a cnet string literal."""
    assert lit[0] == '"' and lit[-1] == '"', lit
    body, out, i = lit[1:-1], [], 0
    while i < len(body):
        ch = body[i]
        if ch != "\\":
            out.append(ch)
            i += 1
            continue
        e = body[i + 1]
        if e == "u":
            j = body.index("}", i)
            out.append(chr(int(body[i + 3:j], 16)))
            i = j + 1
            continue
        out.append({"n": "\n", "t": "\t"}.get(e, e))
        i += 2
    return "".join(out)


def run(args, stdin=None, cwd=None):
    p = subprocess.run(CNET + args, input=stdin.encode() if stdin else None,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       cwd=cwd)
    return p.returncode, p.stdout.decode("utf-8")


def answers(script, cwd):
    args = ["-f", "json"]
    for q in QUERIES:
        args += ["-e", q]
    rc, out = run(args + [script], cwd=cwd)
    if rc != 0:
        print("FAIL: %s does not load:\n%s" % (os.path.basename(script), out[:3000]))
    return out


def write_case(d, names):
    rng = random.Random(11)
    layers = ["婚姻", "trade & credit", "true"]
    kinds = ["C-type", "in", "家族", ""]
    with open(os.path.join(d, "actors.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\n")
        w.writerow(["name", "kind", "birth year", "in", 'a"b', "place"])
        for i, n in enumerate(names):
            w.writerow([n, kinds[i % 4], 1380 + i % 40, rng.choice(names),
                        "v%d\\" % i, rng.choice(["县内", "Borgo San Lorenzo", "in"])])
    with open(os.path.join(d, "ties.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\n")
        w.writerow(["from", "to", "layer", "span", "source"])
        for _ in range(3 * len(names)):
            a, b = rng.sample(names, 2)
            w.writerow([a, b, rng.choice(layers),
                        rng.choice(["", "S 1", "1400..1430", "1425"]),
                        rng.choice(["", "访谈 A", 'doc "7"', "x\\y"])])
    members = ", ".join(quote(n) for n in names[:3])
    script = f"""case "names that reload"
layer 婚姻
layer "trade & credit" "商业往来"
layer "true"
kind "C-type"
kind "in"
kind 家族
stage "S 1" 1400..1420 : "pre-x" -> "in"
stage "1997" 1421..1440 {{ collapse = "the alliance" }}
import actors "actors.csv"
import ties "ties.csv"
group "the alliance" "联盟" = {{{members}}} {{ "quoted key" = "v", place = 县内 }}
event in "S 1" "a wedding" {{ stage = "S 1" }}
"""
    with open(os.path.join(d, "case.cnet"), "w", encoding="utf-8") as f:
        f.write(script)


def one_word(n):
    """Names written bare as one word, whose hint can quote them whole: not
    a lone symbol (`actor @` is only told the character is unexpected)."""
    lone = len(n) == 1 and not n.isalnum() and n not in "*+-/<>|.=:,"
    return (not lone
            and not any(ch in SEPARATORS or ch in FULLWIDTH for ch in n)
            and not any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in n)
            and not n.startswith("!") and n[-1] not in ",|+-*/=:<>"
            and not (n.startswith("'") and n.endswith("'")))  # a 'string'?


def check_hints(d, names):
    """Each one-word name written bare: taken as itself, or quoted right."""
    words = [n for n in names if one_word(n)]
    _, out = run([], stdin="".join("actor %s\n" % n for n in words),
                 cwd=d)
    hints, errors = {}, {}
    line = None
    for ln in out.split("\n"):
        m = re.match(r"<repl>:(\d+):\d+: error: (.*)", ln)
        if m:
            line = int(m.group(1))
            errors.setdefault(line, m.group(2))
        m = re.match(r"hint: .* is written in quotes: (\".*\")$", ln)
        if m and line is not None:
            hints.setdefault(line, unquote(m.group(1)))
    bare, quoted, bad = [], [], []
    for i, n in enumerate(words, 1):
        if i not in errors:
            bare.append(n)
        elif hints.get(i) == n:
            quoted.append(n)
        else:
            bad.append((n, errors[i], hints.get(i)))
    for n, err, hint in bad:
        print("FAIL: bare %r: %s; hint %r" % (n, err, hint))
    # the suggested forms are accepted, and so are the bare ones
    stdin = "".join("actor %s\n" % n for n in bare)
    stdin += "".join("actor %s\n" % quote(n) for n in quoted)
    stdin += "actors()\n"
    rc, out = run(["-f", "json"], stdin=stdin, cwd=d)
    got = [a["actor"] for a in json.loads(out)] if rc == 0 else None
    if got != [nfc(n) for n in bare + quoted]:
        print("FAIL: the names written bare or as hinted do not load:\n%s"
              % out[:3000])
    print("%d one-word names written bare: %d read as themselves, %d refused "
          "with a hint that quotes them exactly, %d wrong"
          % (len(words), len(bare), len(quoted), len(bad)))


def main():
    names, seen = [], set()
    for n in FIXED + generated():
        if nfc(n) not in seen:
            seen.add(nfc(n))
            names.append(n)
    d = tempfile.mkdtemp()
    try:
        write_case(d, names)
        case = os.path.join(d, "case.cnet")
        orig = answers(case, d)
        got = [a["actor"] for a in json.loads(orig.split("\n")[0])]
        want = [nfc(n) for n in names]
        same = sum(g == w for g, w in zip(got, want))
        print("%d awkward names imported from CSV; %d read as their NFC form"
              % (len(names), same))
        if got != want:
            print("FAIL: names differ:",
                  [(g, w) for g, w in zip(got, want) if g != w][:10])

        saved = os.path.join(d, "saved.cnet")
        rc, out = run(["-i", case], stdin=":save %s\n" % saved, cwd=d)
        print(":save: exit %d" % rc)
        fmt = os.path.join(d, "fmt.cnet")
        for src, dst in ((saved, fmt), (case, os.path.join(d, "fmtcase.cnet"))):
            rc, out = run(["--fmt", src], cwd=d)
            with open(dst, "w", encoding="utf-8") as f:
                f.write(out)
            print("--fmt %s: exit %d" % (os.path.basename(src), rc))
        for s in ("saved.cnet", "fmt.cnet", "fmtcase.cnet"):
            again = answers(os.path.join(d, s), d)
            print("%s loads with the same answers: %s"
                  % (s, "yes (%d lines)" % len(orig.split("\n"))
                     if again == orig else "NO"))
            if again != orig:
                for a, b in zip(orig.split("\n"), again.split("\n")):
                    if a != b:
                        print("  was: %s\n  now: %s" % (a[:400], b[:400]))
                        break
        again = os.path.join(d, "again.cnet")
        run(["-i", saved], stdin=":save %s\n" % again, cwd=d)
        with open(saved, "rb") as f1, open(again, "rb") as f2:
            print("saving the saved case again gives the same text: %s"
                  % ("yes" if f1.read() == f2.read() else "NO"))
        rc, out = run(["--fmt", "--check", fmt], cwd=d)
        print("the --fmt output is in canonical layout: %s"
              % ("yes" if rc == 0 else "NO\n" + out[:2000]))
        check_hints(d, names)
    finally:
        for f in os.listdir(d):
            os.unlink(os.path.join(d, f))
        os.rmdir(d)


if __name__ == "__main__":
    sys.exit(main())
