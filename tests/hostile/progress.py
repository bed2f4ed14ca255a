#!/usr/bin/env python3
"""progress.py CNET — the progress line of long work (cli/progress_line.c):
on a terminal's standard error it names the built-in and how far it is,
or the file being read (a long script, a long spreadsheet imported) in
megabytes, and is cleared before the result and before an error; with
standard error not a terminal, or under --quiet, there is none.
CNET_PROGRESS_AFTER=0 shows it at once (long work waits a second)."""
import os
import pty
import re
import shlex
import subprocess
import sys

cnet = shlex.split(sys.argv[1])
# each pair once (a tie written twice would be warned of on standard error)
pairs = sorted({tuple(sorted((i, j))) for i in range(400)
                for j in ((i * 7 + 3) % 400, (i + 1) % 400)})
case = "layer L\n" + "".join("actor a%d\n" % i for i in range(400)) + "".join(
    "a%d -- a%d : L\n" % p for p in pairs)
path = "progress_case.cnet"
with open(path, "w", encoding="utf-8") as f:
    f.write(case)
env = dict(os.environ, CNET_PROGRESS_AFTER="0")
LINE = re.compile(rb"\rbetweenness\(\): \d+% \(\d+ of \d+\)\x1b\[K")
failed = 0


def check(ok, what):
    global failed
    print(("ok - " if ok else "FAIL - ") + what)
    failed += not ok


def on_terminal(args):
    """Run with standard output and error on a pseudo-terminal: all it wrote."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(args[0], args, env)
    out = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    os.waitpid(pid, 0)
    return out


out = on_terminal(cnet + ["-e", "count(betweenness())", path])
lines = LINE.findall(out)
check(len(lines) >= 1, "a terminal shows betweenness(): N% (done of total)")
check(bool(lines) and out.rstrip().endswith(b"400") and
      out.rfind(b"\r\x1b[K") > max(m.start() for m in LINE.finditer(out)),
      "the line is cleared before the result")
out = on_terminal(cnet + ["--quiet", "-e", "count(betweenness())", path])
check(not LINE.search(out) and out.strip().endswith(b"400"), "--quiet shows none")
err = on_terminal(cnet + ["-e", "betweenness(nosuch=1)", path])
check(not LINE.search(err), "no line before a call that fails at once")
r = subprocess.run(cnet + ["-e", "count(betweenness())", path], env=env,
                   capture_output=True)
check(r.stdout.strip() == b"400" and r.stderr == b"",
      "standard error not a terminal: no line")
os.unlink(path)

# reading: a script and a spreadsheet of a few megabytes (a step is 1 MB)
n = 3000
pairs = [(i % n, (i * 7 + 1) % n) for i in range(150000)]
actors = "layer L\n" + "".join("actor a%d\n" % i for i in range(n))
with open("progress_long.cnet", "w", encoding="utf-8") as f:
    f.write(actors + "".join("a%d -- a%d : L\n" % p for p in pairs))
with open("progress_long.csv", "w", encoding="utf-8") as f:
    f.write("from,to\n" + "".join("a%d,a%d\n" % p for p in pairs))
with open("progress_import.cnet", "w", encoding="utf-8") as f:
    f.write(actors + 'import ties "progress_long.csv" : L\n')
READ = re.compile(rb"\rreading (\S+): \d+% \(\d+ of \d+ MB\)\x1b\[K")
out = on_terminal(cnet + ["-e", "count(ties())", "progress_long.cnet"])
names = [m.group(1) for m in READ.finditer(out)]
check(names and set(names) == {b"progress_long.cnet"} and
      out.rfind(b"\r\x1b[K") > max(m.start() for m in READ.finditer(out)) and
      out.strip().endswith(b"150000"),
      "a long script: reading NAME: N% (done of total MB), cleared")
out = on_terminal(cnet + ["-e", "count(ties())", "progress_import.cnet"])
names = [m.group(1) for m in READ.finditer(out)]
check(names and names[-1].endswith(b"progress_long.csv") and
      out.strip().endswith(b"150000"),
      "a long spreadsheet imported: reading NAME: N% (done of total MB)")
out = on_terminal(cnet + ["-q", "-e", "count(ties())", "progress_import.cnet"])
check(not READ.search(out) and out.strip().endswith(b"150000"),
      "--quiet: no line while reading")
for f in ("progress_long.cnet", "progress_long.csv", "progress_import.cnet"):
    os.unlink(f)
print("%d failed" % failed)
sys.exit(1 if failed else 0)
