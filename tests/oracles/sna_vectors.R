# sna_vectors.R -- the R sna part of the oracle vectors; run by make_vectors.py.
#
# Usage: Rscript sna_vectors.R IN.json OUT.json
#
# IN.json is a list of graphs, each {name, nodes, directed, weighted, bin, val,
# groups}: `bin` is the 0/1 adjacency matrix (loops already dropped, an
# undirected tie written both ways), `val` the summed weights, `groups` one
# label per node or null.  OUT.json maps each name to the sna values.  Every
# number is written as a string with 17 significant digits ("NaN", "Inf",
# "-Inf" for the rest) because jsonlite keeps at most 15, which is not enough
# to reproduce a double.  Needs Debian's r-cran-sna and r-cran-jsonlite.

suppressPackageStartupMessages({
  library(jsonlite)
  library(sna)
})

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 2) stop("usage: Rscript sna_vectors.R IN.json OUT.json")

num <- function(x) {
  keep <- names(x)
  x <- as.numeric(x)
  s <- ifelse(is.nan(x), "NaN",
              ifelse(is.na(x), "NA",
                     ifelse(is.infinite(x), ifelse(x > 0, "Inf", "-Inf"),
                            sprintf("%.17g", x))))
  names(s) <- keep
  s
}

per_node <- function(x, nodes) as.list(setNames(num(x), nodes))

per_column <- function(x) as.list(num(x[c("w_I", "w_O", "b_IO", "b_OI", "b_O", "t")]))

rows_by_node <- function(m, nodes) {
  out <- lapply(seq_along(nodes), function(i) {
    row <- m[i, ]
    names(row) <- colnames(m)
    per_column(row)
  })
  setNames(out, nodes)
}

# Bonacich power, eigenvector (exact, through eigen()) and Freeman
# centralization; a refusal (a singular I - beta A) is the string "error".
attempt <- function(f) tryCatch(f(), error = function(e) "error")

network_values <- function(bin, gm, nodes) {
  out <- list()
  if (gm == "graph") {                    # a digraph's may be complex
    ev <- evcent(bin, gmode = gm, use.eigen = TRUE)
    if (sum(ev) < 0) ev <- -ev            # eigen() may return either sign
    out$evcent_use_eigen <- per_node(ev, nodes)
  }
  for (b in c(0.1, -0.1, 0.3))
    out[[sprintf("bonpow_exponent_%g", b)]] <-
      attempt(function() per_node(bonpow(bin, gmode = gm, exponent = b), nodes))
  cz <- function(f, ...) attempt(function() num(centralization(bin, f, mode = gm, ...)))
  if (gm == "graph") {
    out$centralization_degree <- cz(degree)
    out$centralization_betweenness <- cz(betweenness)
    out$centralization_closeness <- cz(closeness)
    out$centralization_evcent <- cz(evcent, use.eigen = TRUE)
  } else {
    out$centralization_indegree <- cz(degree, cmode = "indegree")
    out$centralization_outdegree <- cz(degree, cmode = "outdegree")
    out$centralization_betweenness <- cz(betweenness)
  }
  out
}

one_graph <- function(g) {
  nodes <- as.character(g$nodes)
  n <- length(nodes)
  bin <- matrix(as.numeric(unlist(g$bin)), n, n, byrow = TRUE)
  gm <- if (isTRUE(g$directed)) "digraph" else "graph"
  r <- list(
    degree_freeman_binary = per_node(degree(bin, gmode = gm, cmode = "freeman"), nodes),
    degree_default_gmode_digraph_binary = per_node(degree(bin), nodes))
  if (isTRUE(g$weighted)) {
    val <- matrix(as.numeric(unlist(g$val)), n, n, byrow = TRUE)
    r$degree_freeman_valued <- per_node(degree(val, gmode = gm, ignore.eval = FALSE), nodes)
  }
  r$betweenness <- per_node(betweenness(bin, gmode = gm), nodes)
  r$betweenness_rescale <- per_node(betweenness(bin, gmode = gm, rescale = TRUE), nodes)
  r$closeness_default <- per_node(closeness(bin, gmode = gm), nodes)
  r$closeness_suminvundir <- per_node(closeness(bin, gmode = gm, cmode = "suminvundir"), nodes)
  if (isTRUE(g$directed))
    r$closeness_suminvdir <- per_node(closeness(bin, gmode = gm, cmode = "suminvdir"), nodes)
  r$gden <- num(gden(bin, mode = gm))
  r$network <- network_values(bin, gm, nodes)
  if (!is.null(g$groups)) {
    b <- brokerage(bin, as.character(unlist(g$groups)))
    r$brokerage <- list(
      raw.nli = rows_by_node(b$raw.nli, nodes),
      exp.nli = rows_by_node(b$exp.nli, nodes),
      sd.nli = rows_by_node(b$sd.nli, nodes),
      z.nli = rows_by_node(b$z.nli, nodes),
      raw.gli = per_column(b$raw.gli),
      exp.gli = per_column(b$exp.gli),
      sd.gli = per_column(b$sd.gli),
      z.gli = per_column(b$z.gli),
      clid = as.list(as.character(b$clid)),
      n = as.list(num(b$n)),
      N = num(b$N),
      density_d = num(sum(bin) / (n * (n - 1))))
  }
  r
}

graphs <- fromJSON(args[1], simplifyVector = FALSE)
out <- list(
  r_version = R.version.string,
  sna_version = as.character(packageVersion("sna")),
  graphs = setNames(lapply(graphs, one_graph), vapply(graphs, function(g) g$name, "")))
writeLines(toJSON(out, auto_unbox = TRUE, null = "null", pretty = FALSE), args[2])
