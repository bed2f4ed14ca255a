# make_position_vectors.R -- the R sna values of position.json; run by
# make_position_vectors.py.
#
# Usage: Rscript make_position_vectors.R IN.json OUT.json
#
# IN.json is a list of graphs {name, n, A, B, directed, exact}: A and B are
# 0/1 adjacency matrices (rows), an undirected tie written both ways.  For
# each graph OUT.json holds sna's sedist (euclidean, correlation) of A, the
# cutree of equiv.clust (complete linkage) of A for every k (of hclust on
# -sedist where equiv.clust fails on a constant profile), qaptest's
# p-values of gcor(A, B) with 1000 replications, cug.test's of gden and
# (undirected) degree and betweenness centralization under each cmode, and, when `exact` is set,
# the p-values over every permutation of B's vertices.  Numbers are strings
# with 17 significant digits.  Needs r-cran-sna and r-cran-jsonlite.

suppressPackageStartupMessages({
  library(jsonlite)
  library(sna)
})

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 2) stop("usage: Rscript make_position_vectors.R IN.json OUT.json")
set.seed(20261203)

num <- function(x) ifelse(is.nan(x), "NaN", sprintf("%.17g", as.numeric(x)))

mat <- function(rows, n) matrix(as.numeric(unlist(rows)), n, n, byrow = TRUE)

perms <- function(n) {
  if (n == 1) return(matrix(1L, 1, 1))
  p <- perms(n - 1)
  do.call(rbind, lapply(1:n, function(i) cbind(i, ifelse(p >= i, p + 1L, p))))
}

one_graph <- function(g) {
  n <- g$n
  A <- mat(g$A, n)
  B <- mat(g$B, n)
  r <- list()
  r$euclidean <- lapply(1:n, function(i) num(sedist(A, method = "euclidean")[i, ]))
  r$correlation <- lapply(1:n, function(i) num(sedist(A, method = "correlation")[i, ]))
  blocks <- list()
  for (m in c("euclidean", "correlation")) {
    # equiv.clust stops on an actor without ties under "correlation" (its
    # correlation is NA); cnet then takes sedist's 0, as hclust would here
    hc <- tryCatch(equiv.clust(A, method = m, cluster.method = "complete")$cluster,
                   error = function(e)
                     hclust(as.dist(-sedist(A, method = m)), method = "complete"))
    blocks[[m]] <- lapply(1:n, function(k) as.integer(cutree(hc, k = k)))
  }
  r$blocks <- blocks
  q <- qaptest(list(A, B), gcor, g1 = 1, g2 = 2, reps = 1000)
  r$qap <- list(r = num(q$testval), p_ge = num(q$pgreq), p_le = num(q$pleeq), reps = 1000)
  # cug.test of each statistic under each null model (1000 graphs)
  gm <- if (isTRUE(g$directed)) "digraph" else "graph"
  stats <- list(density = list(FUN = gden, args = list(mode = gm)))
  if (!isTRUE(g$directed)) {
    stats$degree_centralization <- list(FUN = centralization,
                                        args = list(FUN = degree, mode = "graph"))
    stats$betweenness_centralization <- list(FUN = centralization,
                                             args = list(FUN = betweenness, mode = "graph"))
  }
  cug <- list()
  for (st in names(stats))
    for (cm in c("size", "edges", "dyad.census")) {
      ct <- cug.test(A, stats[[st]]$FUN, mode = gm, cmode = cm, reps = 1000,
                     FUN.args = stats[[st]]$args)
      given <- if (cm == "dyad.census") "dyads" else cm
      cug[[paste(st, given)]] <- list(measure = st, given = given,
                                      observed = num(ct$obs.stat),
                                      p_ge = num(ct$pgteobs), p_le = num(ct$plteobs),
                                      reps = 1000)
    }
  r$cug <- unname(cug)
  if (isTRUE(g$exact)) {
    P <- perms(n)
    obs <- gcor(A, B)
    dist <- apply(P, 1, function(p) gcor(A, B[p, p]))
    # equal correlations computed in another order may differ in the last bits
    r$exact <- list(r = num(obs),
                    p_ge = num(mean(dist >= obs - 1e-12)),
                    p_le = num(mean(dist <= obs + 1e-12)),
                    reps = nrow(P))
  }
  r
}

graphs <- fromJSON(args[1], simplifyVector = FALSE)
out <- setNames(lapply(graphs, one_graph), sapply(graphs, function(g) g$name))
out$`_sna` <- as.character(packageVersion("sna"))
write(toJSON(out, auto_unbox = TRUE, pretty = TRUE, digits = NA), args[2])
