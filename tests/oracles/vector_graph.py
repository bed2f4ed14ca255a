"""vector_graph.py -- the inputs of record of the oracle vectors: NAME.edges and
NAME.groups (vectors/README.md describes the format).  Standard library only."""

import math
import os


class VectorGraph:
    """One vector graph as its .edges (and .groups) file gives it."""

    def __init__(self, vdir, name):
        self.name = name
        self.edges_file = name + ".edges"
        self.description = ""
        self.flags = {}
        self.nodes = []
        self.records = []           # (u, v, w, layer), in file order
        path = os.path.join(vdir, self.edges_file)
        comments = []
        with open(path, encoding="utf-8") as f:
            for lineno, line in enumerate(f, 1):
                line = line.strip()
                if line.startswith("#"):
                    text = line[1:].strip()
                    key, sep, value = text.partition(":")
                    if sep and key in ("directed", "weighted", "multigraph"):
                        self.flags[key] = value.strip() == "true"
                    else:
                        comments.append(text)
                    continue
                if line:
                    self._record(line.split(), "%s:%d" % (path, lineno))
        # the header is "# NAME" then "# description"
        if len(comments) < 2 or comments[0] != name:
            raise SystemExit("%s: the header must start with '# %s' and a description line"
                             % (path, name))
        self.description = comments[1]
        for key in ("directed", "weighted", "multigraph"):
            if key not in self.flags:
                raise SystemExit("%s: no '# %s: true|false' line" % (path, key))
        self.directed = self.flags["directed"]
        self.weighted = self.flags["weighted"]
        self.multigraph = self.flags["multigraph"]
        self.index = {v: i for i, v in enumerate(self.nodes)}
        self._check_pairs(path)
        self.groups_file = None
        self.groups = None
        gpath = os.path.join(vdir, name + ".groups")
        if os.path.exists(gpath):
            self.groups_file = name + ".groups"
            self.groups = read_groups(gpath, self.nodes)

    def _record(self, tokens, where):
        if len(tokens) > 4:
            raise SystemExit("%s: a record is 'src dst [weight [layer]]'" % where)
        for v in tokens[:2]:
            if v not in self.nodes:
                self.nodes.append(v)
        if len(tokens) == 1:
            return
        w = 1
        if len(tokens) >= 3:
            try:
                w = int(tokens[2])
            except ValueError:
                try:
                    w = float(tokens[2])
                except ValueError:
                    w = math.nan
            if not (math.isfinite(w) and w >= 0):
                raise SystemExit("%s: weight %r is not a finite number >= 0" % (where, tokens[2]))
        layer = tokens[3] if len(tokens) == 4 else None
        self.records.append((tokens[0], tokens[1], w, layer))

    def _check_pairs(self, path):
        if self.multigraph:
            return
        seen = set()
        for u, v, _, _ in self.records:
            pair = (u, v) if self.directed else frozenset((u, v))
            if pair in seen:
                raise SystemExit("%s: %s-%s appears twice but the header says multigraph: false"
                                 % (path, u, v))
            seen.add(pair)

    def variants(self):
        return ["unweighted", "weighted"] if self.weighted else ["unweighted"]

    def weight(self, w, variant):
        """A record's weight in a variant: 1 everywhere when unweighted."""
        return w if variant == "weighted" else 1

    def has_loops(self):
        return any(u == v for u, v, _, _ in self.records)

    def has_zero_weights(self):
        return self.weighted and any(w == 0 for _, _, w, _ in self.records)

    # canonical order for sets of nodes: the libraries' order is arbitrary
    def sorted_nodes(self, names):
        return sorted(names, key=self.index.__getitem__)

    def partition(self, parts):
        parts = [self.sorted_nodes(p) for p in parts]
        return sorted(parts, key=lambda p: self.index[p[0]])

    def pairs(self, pairs):
        pairs = [self.sorted_nodes(p) for p in pairs]
        return sorted(pairs, key=lambda p: (self.index[p[0]], self.index[p[1]]))


def read_groups(path, nodes):
    groups = {}
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            tokens = line.split("#", 1)[0].split()
            if not tokens:
                continue
            if len(tokens) != 2 or tokens[0] not in nodes:
                raise SystemExit("%s:%d: expected 'node group' for a node of the .edges file"
                                 % (path, lineno))
            groups[tokens[0]] = tokens[1]
    missing = [v for v in nodes if v not in groups]
    if missing:
        raise SystemExit("%s: no group for %s" % (path, ", ".join(missing)))
    return groups
