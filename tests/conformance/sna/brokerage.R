# brokerage.R — reference values of R sna's brokerage() (Gould & Fernandez
# 1989) for a few fixed graphs, written to brokerage.json beside this file.
#
#   cd tests/conformance/sna && Rscript brokerage.R > brokerage.json
#
# Needs R with sna and jsonlite (Debian: r-cran-sna r-cran-jsonlite).  The
# tests read only the committed JSON; R is not needed to run them.
#
# Each graph is given by its vertices (in order), their groups and its edge
# list.  A directed graph is passed to sna as its adjacency matrix; an
# undirected one as the symmetric matrix (both directions of every edge),
# which is how sna counts undirected data.  The JSON holds, per graph, what
# sna::brokerage(g, cl) returns: the actor x role tables raw.nli, exp.nli,
# sd.nli and z.nli, and the graph-level raw.gli, exp.gli, sd.gli and
# z.gli.  Non-finite numbers are written as the strings "NaN", "Inf" and
# "-Inf" (sna gives NaN where the expected count and its variance are both
# 0: a role no vertex of that group can have).
suppressPackageStartupMessages({
  library(sna)
  library(jsonlite)
})

graphs <- list()

# Directed, three groups (one a singleton), with a mutual pair, a sink that
# brokers nothing (F5) and an isolate (F4).
graphs$directed_small <- list(
  directed = TRUE,
  vertices = c("G1", "G2", "G3", "G4", "F1", "F2", "F3", "F4", "F5", "V1"),
  groups   = c("gov", "gov", "gov", "gov", "firm", "firm", "firm", "firm",
               "firm", "village"),
  edges = rbind(
    c("G1", "G2"), c("G2", "G3"), c("G3", "G4"), c("G4", "G1"),
    c("G2", "F1"), c("F1", "F2"), c("F2", "F3"), c("F3", "F1"),
    c("V1", "G1"), c("G4", "V1"), c("F1", "V1"), c("V1", "F3"),
    c("G3", "F2"), c("F2", "G3"), c("F3", "G4"), c("F2", "F5")))

# Undirected (symmetrised for sna), Chinese names, groups of 3, 4 and 2, and
# a pendant (西4) that brokers nothing.
graphs$undirected_small <- list(
  directed = FALSE,
  vertices = c("东1", "东2", "东3", "西1", "西2", "西3", "西4", "中1", "中2"),
  groups   = c("东", "东", "东", "西", "西", "西", "西", "中", "中"),
  edges = rbind(
    c("东1", "东2"), c("东2", "东3"), c("东1", "中1"), c("中1", "西1"),
    c("西1", "西2"), c("西2", "西3"), c("西3", "中2"), c("中2", "东3"),
    c("中1", "中2"), c("西3", "西4")))

# One group only: every between-group role is impossible (NaN z).
graphs$one_group <- list(
  directed = FALSE,
  vertices = c("a", "b", "c", "d", "e"),
  groups   = rep("all", 5),
  edges = rbind(c("a", "b"), c("b", "c"), c("c", "a"), c("c", "d"),
                c("d", "e")))

# Random graphs (Bernoulli, fixed seed), four and three groups.
random_graph <- function(n, p, groups, directed, seed) {
  set.seed(seed)
  m <- rgraph(n, tprob = p, mode = if (directed) "digraph" else "graph")
  vs <- sprintf("v%02d", seq_len(n))
  e <- which(m > 0, arr.ind = TRUE)
  if (!directed) e <- e[e[, 1] < e[, 2], , drop = FALSE]
  e <- e[order(e[, 1], e[, 2]), , drop = FALSE]
  list(directed = directed, vertices = vs, groups = groups,
       edges = cbind(vs[e[, 1]], vs[e[, 2]]))
}
graphs$directed_random <- random_graph(
  30, 0.12, rep(c("a", "b", "c", "d"), c(10, 8, 7, 5)), TRUE, 1989)
graphs$undirected_random <- random_graph(
  24, 0.15, rep(c("x", "y", "z"), c(11, 9, 4)), FALSE, 2025)

adjacency <- function(g) {
  n <- length(g$vertices)
  m <- matrix(0, n, n, dimnames = list(g$vertices, g$vertices))
  for (k in seq_len(nrow(g$edges))) {
    i <- match(g$edges[k, 1], g$vertices)
    j <- match(g$edges[k, 2], g$vertices)
    m[i, j] <- 1
    if (!g$directed) m[j, i] <- 1
  }
  m
}

num <- function(x) {
  if (is.nan(x)) "NaN" else if (is.infinite(x)) (if (x > 0) "Inf" else "-Inf")
  else x
}
by_vertex <- function(tab, vs) {
  out <- list()
  for (i in seq_along(vs))
    out[[vs[i]]] <- lapply(setNames(as.list(tab[i, ]), colnames(tab)), num)
  out
}
by_role <- function(v) lapply(as.list(v), num)

out <- list(
  generator = "tests/conformance/sna/brokerage.R",
  function_called = "sna::brokerage(g, cl)",
  sna_version = packageDescription("sna")$Version,
  r_version = paste(R.version$major, R.version$minor, sep = "."),
  columns = list(w_I = "coordinator", w_O = "itinerant",
                 b_IO = "representative", b_OI = "gatekeeper",
                 b_O = "liaison", t = "total"),
  graphs = list())
for (name in names(graphs)) {
  g <- graphs[[name]]
  b <- brokerage(adjacency(g), g$groups)
  out$graphs[[name]] <- list(
    directed = g$directed,
    vertices = g$vertices,
    groups = as.list(setNames(g$groups, g$vertices)),
    edges = unname(lapply(seq_len(nrow(g$edges)), function(k) g$edges[k, ])),
    sna = list(
      raw.nli = by_vertex(b$raw.nli, g$vertices),
      exp.nli = by_vertex(b$exp.nli, g$vertices),
      sd.nli = by_vertex(b$sd.nli, g$vertices),
      z.nli = by_vertex(b$z.nli, g$vertices),
      raw.gli = by_role(b$raw.gli),
      exp.gli = by_role(b$exp.gli),
      sd.gli = by_role(b$sd.gli),
      z.gli = by_role(b$z.gli)))
}
cat(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "\n")
