#!/usr/bin/env python3
"""Run the built-in tests (tests/builtins/*.test) against a cnet binary.

    python3 tests/builtins/run.py ./cnet [FILE.test…]

The format — blocks of directives, expression, case and expected output,
in the spirit of jq's jq.test — and the coverage check that follows the
tests when no file is named are described in tests/builtins/README.md.
The last line is "N passed, N failed".
"""
import json
import math
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")
FORMATS = {"%%TABLE": "table", "%%CSV": "csv", "%%TSV": "tsv"}
# the selection arguments of docs/language.md, and the attribute 'kind'
SELECTION = {"stage", "at", "span", "layer", "transient", "collapse",
             "without", "drop_source", "min_sources", "isolates", "kind"}
REL_TOL = 1e-9


class Test:
    def __init__(self, path, line):
        self.path, self.line = path, line
        self.fail = False
        self.fmt = "json"
        self.file = None        # %%FILE NAME
        self.has = False        # %%HAS: expected lines are pieces, in order
        self.expr = self.case = None
        self.expected = []

    def where(self):
        return "%s:%d" % (os.path.relpath(self.path, HERE), self.line)


def parse(path):
    """The tests of one file, and the format errors found in it."""
    tests, errors = [], []
    block = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for no, text in enumerate(lines + [""], 1):
        if text.startswith("#"):
            continue
        if text.strip():
            block.append((no, text.rstrip()))
            continue
        if not block:
            continue
        t = Test(path, block[0][0])
        rest = block
        while rest and rest[0][1].startswith("%%"):
            word, _, arg = rest[0][1].partition(" ")
            if word == "%%FAIL":
                t.fail = True
            elif word in FORMATS:
                t.fmt = FORMATS[word]
            elif word == "%%FILE" and arg.strip():
                t.file = arg.strip()
            elif word == "%%HAS":
                t.has = True
            else:
                errors.append("%s:%d: unknown directive %s" % (path, rest[0][0], rest[0][1]))
            rest = rest[1:]
        if len(rest) < 3:
            errors.append("%s:%d: a test needs an expression, a case and the expected output"
                          % (path, t.line))
        else:
            t.expr, t.case = rest[0][1], rest[1][1]
            t.expected = [x for _, x in rest[2:]]
            tests.append(t)
        block = []
    return tests, errors


def case_file(t, tmp):
    """Put the test's case in tmp; return its file name."""
    if t.case.startswith("@"):
        name = t.case[1:] + ".cnet"
        shutil.copy(os.path.join(CASES, name), os.path.join(tmp, name))
        return name
    with open(os.path.join(tmp, "inline.cnet"), "w", encoding="utf-8") as f:
        f.write(t.case + "\n")
    return "inline.cnet"


def same(a, b):
    """JSON values equal, numbers within REL_TOL."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b or math.isclose(a, b, rel_tol=REL_TOL, abs_tol=1e-12)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    return a == b


DIAG = re.compile(r"^\S.*:\d+:\d+: (error|warning|note): |^hint: ")


def run(binary, t):
    """None when the test passes, else (expected text, actual text)."""
    tmp = tempfile.mkdtemp(prefix="cnet-builtins.")
    try:
        name = case_file(t, tmp)
        p = subprocess.run([binary, "-f", t.fmt, "-e", t.expr, name], cwd=tmp,
                           capture_output=True, timeout=120)
        out = p.stdout.decode("utf-8", "replace")
        err = p.stderr.decode("utf-8", "replace")
        want = "\n".join(t.expected)
        status = "[exit %d]" % p.returncode
        if t.fail:
            got = "\n".join(x for x in err.split("\n") if DIAG.match(x))
            if p.returncode != 1 or got != want:
                return want + "\n[exit 1]", (out + err).rstrip("\n") + "\n" + status
            return None
        if p.returncode != 0 or err:
            return want, (out + err).rstrip("\n") + "\n" + status
        if t.file:
            try:
                with open(os.path.join(tmp, t.file), "rb") as f:
                    data = f.read()
            except OSError as e:
                return want, "(no file %s: %s)" % (t.file, e.strerror)
            if data.startswith(b"\x89PNG\r\n\x1a\n"):
                out = "PNG %dx%d" % struct.unpack(">II", data[16:24])
            else:
                out = data.decode("utf-8", "replace")
                if out.startswith("\ufeff"):
                    out = "<BOM>" + out[1:]
        if t.has:
            at = 0
            for piece in t.expected:
                if piece.startswith("!"):
                    if piece[1:] in out:
                        return want, "(should not occur: %s)\n%s" % (piece[1:], out.rstrip("\n"))
                    continue
                at = out.find(piece, at)
                if at < 0:
                    return want, "(not found in order: %s)\n%s" % (piece, out.rstrip("\n"))
                at += len(piece)
            return None
        if t.fmt == "json" and not t.file:
            try:
                exp = json.loads(want)
            except ValueError as e:
                return want, "(the expected output is not JSON: %s)" % e
            try:
                val = json.loads(out)
            except ValueError:
                return want, out.rstrip("\n")
            return None if same(exp, val) else (json.dumps(exp, ensure_ascii=False),
                                                 json.dumps(val, ensure_ascii=False))
        got = "\n".join(x.rstrip() for x in out.rstrip("\n").split("\n"))
        return None if got == want else (want, got)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def scan(text, start=0):
    """(index, character, bracket depth after it) of each character of text
    from start that is outside a string."""
    depth, quote = 0, None
    for i in range(start, len(text)):
        c = text[i]
        if quote:
            quote = None if c == quote else quote
            continue
        if c == '"':
            quote = c
            continue
        depth += (c in "([{") - (c in ")]}")
        yield i, c, depth


def calls(expr, fname):
    """The argument texts of every call of fname in expr."""
    found = []
    for m in re.finditer(r"(?<![\w.])%s\s*\(" % re.escape(fname), expr):
        end = next((i for i, _, d in scan(expr, m.end()) if d < 0), len(expr))
        found.append(expr[m.end():end])
    return found


def named_args(args):
    """The names of the named arguments at the top level of an argument text."""
    names, start = set(), 0
    for i, c, depth in scan(args + ","):
        if c == "," and depth == 0:
            m = re.match(r"\s*([^\W\d]\w*)\s*=(?!=)", args[start:i])
            if m:
                names.add(m.group(1))
            start = i + 1
    return names


def reference(binary):
    """(name, takes a selection, its own options) of every function."""
    text = subprocess.run([binary, "--reference"], capture_output=True,
                          check=True).stdout.decode("utf-8")
    funcs = []
    for m in re.finditer(r"^- `([a-z_]\w*)\((.*?)\)` — ", text, re.M):
        name, sig = m.group(1), m.group(2)
        opts = {o for o in re.findall(r"(?:^|,)\s*([a-z_]\w*)\s*=", sig)}
        takes_sel = "sel…" in sig
        funcs.append((name, takes_sel, sorted(opts - SELECTION)))
    return funcs


def coverage(binary, tests):
    """One line per missing kind of test."""
    funcs = reference(binary)
    if not funcs:
        return ["no function read from `cnet --reference` (has its format changed?)"]
    missing = []
    for name, takes_sel, opts in funcs:
        ok = [a for t in tests if not t.fail for a in calls(t.expr, name)]
        bad = [a for t in tests if t.fail for a in calls(t.expr, name)]
        if not ok:
            missing.append("%s: no test" % name)
        if not bad:
            missing.append("%s: no %%%%FAIL test of a bad input" % name)
        used = set().union(*(named_args(a) for a in ok)) if ok else set()
        if takes_sel and not used & SELECTION:
            missing.append("%s: no test with a selection argument" % name)
        for o in opts:
            if o not in used:
                missing.append("%s: no test of its option %s=" % (name, o))
    return missing


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: run.py CNET [FILE.test…]")
    binary = os.path.abspath(sys.argv[1])
    files = sys.argv[2:] or sorted(os.path.join(HERE, f) for f in os.listdir(HERE)
                                   if f.endswith(".test"))
    passed = failed = 0
    tests = []
    for path in files:
        got, errors = parse(path)
        tests += got
        for e in errors:
            print("FAIL: " + e)
            failed += 1
    for t in tests:
        bad = run(binary, t)
        if bad is None:
            passed += 1
            continue
        failed += 1
        print("FAIL: %s: %s%s" % (t.where(), t.expr, "  (expects an error)" if t.fail else ""))
        print("  case: %s" % t.case)
        print("  expected:\n" + "\n".join("    " + x for x in bad[0].split("\n")))
        print("  actual:\n" + "\n".join("    " + x for x in bad[1].split("\n")[:40]))
    if len(sys.argv) == 2:          # the whole suite: every function covered
        missing = coverage(binary, tests)
        for m in missing:
            print("FAIL: coverage: " + m)
        failed += len(missing)
        passed += 1 if not missing else 0
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
