/* render.c — the only file that includes Graphviz: a cn_fig built through
 * cgraph (agopen/agnode/agedge/agsafeset), laid out with gvLayout, written
 * with agwrite or gvRenderData; one GVC_t per process; Graphviz's messages
 * captured; layouts and renders isolated in a forked child.
 *
 * Rules from ../shared/GRAPHVIZ.md kept here: a fresh graph per render,
 * gvFreeLayout before agclose, never two graphs' layouts interleaved,
 * agsafeset with "" as default, no `layout` attribute ever, HTML-like
 * labels through agstrdup_html, one warm-up render in the parent before the
 * first fork, formats probed once. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include "render.h"

/* ---- one context, messages ---- */

static GVC_t *gvc;

static struct {
  char *buf;
  size_t len, cap;
} msgs;

static int collect_message(char *s) {
  size_t n = strlen(s);
  if (msgs.len + n + 1 > msgs.cap) {
    size_t cap = msgs.cap ? msgs.cap * 2 : 1024;
    while (cap < msgs.len + n + 1)
      cap *= 2;
    char *p = realloc(msgs.buf, cap);
    if (!p)
      return 0;
    msgs.buf = p;
    msgs.cap = cap;
  }
  memcpy(msgs.buf + msgs.len, s, n + 1);
  msgs.len += n;
  return 0;
}

static void messages_reset(void) {
  msgs.len = 0;
  if (msgs.buf)
    msgs.buf[0] = '\0';
  agreseterrors();
}

static void free_context(void) {
  if (gvc)
    gvFreeContext(gvc);
  gvc = NULL;
  free(msgs.buf);
  msgs.buf = NULL;
  msgs.len = msgs.cap = 0;
}

static GVC_t *context(void) {
  if (!gvc) {
    agseterrf(collect_message);
    agseterr(AGWARN);
    gvc = gvContext();
    atexit(free_context);
  }
  return gvc;
}

/* Split what Graphviz printed ("Warning: …", "Error: …", continuation
 * lines) into messages; fn(level, text) for each (level 0 warning, 1 error). */
static void each_message(void (*fn)(void *, int, const char *), void *ud) {
  if (!msgs.len)
    return;
  char *text = strdup(msgs.buf);
  if (!text)
    return;
  char *cur = NULL;
  size_t curlen = 0;
  int level = 0;
  for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
    int lv = -1;
    const char *body = line;
    if (strncmp(line, "Warning: ", 9) == 0)
      lv = 0, body = line + 9;
    else if (strncmp(line, "Error: ", 7) == 0)
      lv = 1, body = line + 7;
    while (*body == ' ' || *body == '\t')
      body++;
    if (!*body)
      continue;
    if (lv >= 0 || !cur) {
      if (cur)
        fn(ud, level, cur);
      free(cur);
      cur = strdup(body);
      curlen = cur ? strlen(cur) : 0;
      level = lv >= 0 ? lv : 0;
    } else {
      size_t bl = strlen(body);
      char *p = realloc(cur, curlen + bl + 2);
      if (p) {
        cur = p;
        cur[curlen++] = ' ';
        memcpy(cur + curlen, body, bl + 1);
        curlen += bl;
      }
    }
  }
  if (cur)
    fn(ud, level, cur);
  free(cur);
  free(text);
}

/* ---- object IDs in creation order ----
 * cgraph's default ID discipline uses the address of each interned name as
 * its ID, and iterates subgraphs by ID: cluster order (and so agwrite's
 * output and dot's layout) would depend on the heap.  This discipline
 * numbers names in the order they are first seen (even IDs; anonymous
 * objects get odd ones) and keeps them, interned, for the life of the
 * graph; it so also avoids cgraph's internal name map, which leaks its
 * entries. */

typedef struct seq_state {
  Agraph_t *g;
  IDTYPE anon;        /* next odd ID */
  char **names;       /* ID 2(i+1) is names[i] */
  size_t n, cap;
  size_t *slots;      /* hash: index+1 into names, 0 empty */
  size_t nslots;
} seq_state;

static size_t seq_hash(const char *s) {
  size_t h = 2166136261u;
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}

static void *seq_open(Agraph_t *g, Agdisc_t *disc) {
  (void)disc;
  seq_state *st = calloc(1, sizeof *st);
  if (st) {
    st->anon = 1;
    st->g = g;
  }
  return st;
}

static int seq_grow(seq_state *st) {
  size_t ns = st->nslots ? st->nslots * 2 : 256;
  size_t *slots = calloc(ns, sizeof *slots);
  if (!slots)
    return -1;
  for (size_t i = 0; i < st->n; i++) {
    size_t h = seq_hash(st->names[i]) & (ns - 1);
    while (slots[h])
      h = (h + 1) & (ns - 1);
    slots[h] = i + 1;
  }
  free(st->slots);
  st->slots = slots;
  st->nslots = ns;
  return 0;
}

static long seq_map(void *state, int objtype, char *str, IDTYPE *id,
                    int createflag) {
  (void)objtype;
  seq_state *st = state;
  if (!str) {
    *id = st->anon;
    st->anon += 2;
    return 1;
  }
  if (st->nslots) {
    size_t h = seq_hash(str) & (st->nslots - 1);
    while (st->slots[h]) {
      size_t i = st->slots[h] - 1;
      if (strcmp(st->names[i], str) == 0) {
        *id = 2 * (IDTYPE)(i + 1);
        return 1;
      }
      h = (h + 1) & (st->nslots - 1);
    }
  }
  if (!createflag)
    return 0;
  if (2 * (st->n + 1) > st->nslots && seq_grow(st) != 0)
    return 0;
  if (st->n == st->cap) {
    size_t nc = st->cap ? st->cap * 2 : 64;
    char **p = realloc(st->names, nc * sizeof *p);
    if (!p)
      return 0;
    st->names = p;
    st->cap = nc;
  }
  /* interned in the graph's string pool, as cgraph expects of names
   * (aghtmlstr reads the pool's header); the pool frees them on agclose */
  char *copy = agstrdup(st->g, str);
  if (!copy)
    return 0;
  st->names[st->n++] = copy;
  size_t h = seq_hash(str) & (st->nslots - 1);
  while (st->slots[h])
    h = (h + 1) & (st->nslots - 1);
  st->slots[h] = st->n;
  *id = 2 * (IDTYPE)st->n;
  return 1;
}

static long seq_alloc(void *state, int objtype, IDTYPE request) {
  (void)state;
  (void)objtype;
  (void)request;
  return 0;
}

static void seq_free(void *state, int objtype, IDTYPE id) {
  (void)state; /* names live until the graph is closed */
  (void)objtype;
  (void)id;
}

static char *seq_print(void *state, int objtype, IDTYPE id) {
  (void)objtype;
  seq_state *st = state;
  if (id % 2 == 0 && id / 2 >= 1 && id / 2 <= st->n)
    return st->names[id / 2 - 1];
  return NULL;
}

static void seq_close(void *state) {
  seq_state *st = state;
  if (!st)
    return;
  free(st->names);
  free(st->slots);
  free(st);
}

static void seq_register(void *state, int objtype, void *obj) {
  (void)state;
  (void)objtype;
  (void)obj;
}

static Agiddisc_t seq_iddisc = {seq_open,  seq_map,   seq_alloc,   seq_free,
                                seq_print, seq_close, seq_register};
static Agdisc_t seq_disc = {&AgMemDisc, &seq_iddisc, &AgIoDisc};

/* ---- building a graph from a figure ---- */

typedef struct built {
  Agraph_t *g;
  Agnode_t **nodes;
  Agedge_t **edges;
} built;

/* agwrite puts a name or value between quotes as it is, so one ending in
 * an odd run of backslashes would escape its own closing quote ("a\" is
 * not DOT).  Such text is given to cgraph with one backslash more (DOT reads
 * "a\\" back as those two); other text is returned as it is.  *owned is
 * what to free. */
static char *quotable(const char *s, char **owned) {
  size_t n = strlen(s), run = 0;
  while (run < n && s[n - 1 - run] == '\\')
    run++;
  *owned = NULL;
  if (run % 2 == 0)
    return (char *)s;
  *owned = cn_xmalloc(n + 2); /* render.h brings arena.h */
  memcpy(*owned, s, n);
  memcpy(*owned + n, "\\", 2);
  return *owned;
}

static void set_attrs(Agraph_t *root, void *obj, const cn_fig_attrs *at) {
  for (int i = 0; i < at->n; i++) {
    const cn_fig_attr *a = &at->items[i];
    if (a->html) {
      char *h = agstrdup_html(root, (char *)a->value);
      agsafeset(obj, (char *)a->key, h, "");
      agstrfree(root, h);
    } else {
      char *owned;
      agsafeset(obj, (char *)a->key, quotable(a->value, &owned), "");
      free(owned);
    }
  }
}

static void declare(Agraph_t *g, int kind, const cn_fig_attrs *at) {
  for (int i = 0; i < at->n; i++)
    agattr(g, kind, (char *)at->items[i].key, (char *)at->items[i].value);
}

static void unbuild(built *b) {
  if (b->g)
    agclose(b->g);
  free(b->nodes);
  free(b->edges);
  memset(b, 0, sizeof *b);
}

static int build(const cn_fig *f, built *b, char *why, size_t nwhy) {
  memset(b, 0, sizeof *b);
  context();
  Agraph_t *g = agopen((char *)f->name, Agdirected, &seq_disc);
  if (!g) {
    snprintf(why, nwhy, "cgraph could not create a graph");
    return -1;
  }
  b->g = g;
  /* defaults first: they apply only to objects made afterwards.  The node
   * label default is declared whatever gvContext did to the prototype
   * graph, so that the text is the same before and after a first render */
  agattr(g, AGNODE, "label", "\\N");
  declare(g, AGRAPH, &f->graph_defaults);
  declare(g, AGNODE, &f->node_defaults);
  declare(g, AGEDGE, &f->edge_defaults);
  set_attrs(g, g, &f->graph);
  Agraph_t **sub = calloc((size_t)f->clusters.n + 1, sizeof *sub);
  b->nodes = calloc((size_t)f->nodes.n + 1, sizeof *b->nodes);
  b->edges = calloc((size_t)f->edges.n + 1, sizeof *b->edges);
  if (!sub || !b->nodes || !b->edges) {
    free(sub);
    snprintf(why, nwhy, "out of memory");
    return -1;
  }
  for (int i = 0; i < f->clusters.n; i++) {
    char *owned;
    sub[i] = agsubg(g, quotable(f->clusters.items[i].name, &owned), 1);
    free(owned);
    set_attrs(g, sub[i], &f->clusters.items[i].attrs);
  }
  for (int i = 0; i < f->nodes.n; i++) {
    const cn_fig_node *n = &f->nodes.items[i];
    Agraph_t *where = n->cluster >= 0 ? sub[n->cluster] : g;
    char *owned, *name = quotable(n->name, &owned);
    if (agnode(g, name, 0)) {
      snprintf(why, nwhy, "two nodes are called '%s'", name);
      free(owned);
      free(sub);
      return -1;
    }
    b->nodes[i] = agnode(where, name, 1);
    free(owned);
    set_attrs(g, b->nodes[i], &n->attrs);
  }
  for (int i = 0; i < f->edges.n; i++) {
    const cn_fig_edge *e = &f->edges.items[i];
    Agraph_t *where = g;
    int ct = f->nodes.items[e->tail].cluster;
    if (ct >= 0 && ct == f->nodes.items[e->head].cluster)
      where = sub[ct];
    char *owned;
    b->edges[i] = agedge(where, b->nodes[e->tail], b->nodes[e->head],
                         e->key ? quotable(e->key, &owned) : NULL, 1);
    if (e->key)
      free(owned);
    if (!b->edges[i]) {
      snprintf(why, nwhy, "cgraph refused the edge %s -> %s", 
               f->nodes.items[e->tail].name, f->nodes.items[e->head].name);
      free(sub);
      return -1;
    }
    set_attrs(g, b->edges[i], &e->attrs);
  }
  free(sub);
  return 0;
}

char *cn_render_dot_text(const cn_fig *f, char *why, size_t nwhy) {
  built b;
  messages_reset();
  if (build(f, &b, why, nwhy) != 0) {
    unbuild(&b);
    return NULL;
  }
  char *text = NULL;
  size_t len = 0;
  FILE *m = open_memstream(&text, &len);
  int rc = m ? agwrite(b.g, m) : -1;
  if (m)
    fclose(m);
  unbuild(&b);
  if (rc != 0) {
    free(text);
    snprintf(why, nwhy, "cgraph could not write the graph");
    return NULL;
  }
  return text;
}

/* ---- probing formats and layouts, once ---- */

static const char *const probe_names[] = {"svg", "png", "pdf", "eps", "dot",
                                          "plain"};

/* The Graphviz device that writes a format: EPS through cairo, whose
 * fonts are embedded (the core PostScript renderer names fonts a printer
 * would need to have, and has no CJK). */
static const char *device(const char *format) {
  return strcmp(format, "eps") == 0 ? "eps:cairo" : format;
}
enum { NPROBE = sizeof probe_names / sizeof *probe_names };
static cn_render_format probed[NPROBE];
static int probed_done;
static char **layouts;
static int nlayouts;
static char problem_text[NPROBE][320];

static int listed(char **list, int n, const char *name) {
  size_t k = strlen(name);
  for (int i = 0; i < n; i++)
    if (strncmp(list[i], name, k) == 0 && (list[i][k] == '\0' || list[i][k] == ':'))
      return 1;
  return 0;
}

static void free_names(char **list, int n) {
  for (int i = 0; i < n; i++)
    free(list[i]);
  free(list);
}

static void probe(void) {
  if (probed_done)
    return;
  probed_done = 1;
  GVC_t *c = context();
  layouts = gvPluginList(c, "layout", &nlayouts, NULL);
  int ndev = 0, ntext = 0;
  char **devices = gvPluginList(c, "device", &ndev, NULL);
  char **texts = gvPluginList(c, "textlayout", &ntext, NULL);
  /* a one-node render with Chinese text: the probe, and the warm-up that
   * starts pango and fontconfig in this process before any fork */
  cn_arena a;
  cn_arena_init(&a);
  cn_fig f;
  cn_fig_init(&f, &a, "probe");
  cn_fig_set(&f, &f.graph_defaults, "fontname", "Noto Sans CJK SC");
  cn_fig_set(&f, &f.node_defaults, "fontname", "Noto Sans CJK SC");
  int n = cn_fig_add_node(&f, "probe", -1);
  cn_fig_set(&f, &f.nodes.items[n].attrs, "label", "图 probe");
  built b;
  char why[256];
  int laid = 0;
  messages_reset();
  if (nlayouts > 0 && build(&f, &b, why, sizeof why) == 0)
    laid = gvLayout(c, b.g, "dot") == 0;
  else
    memset(&b, 0, sizeof b);
  for (int i = 0; i < NPROBE; i++) {
    const char *fmt = probe_names[i];
    probed[i].name = fmt;
    probed[i].problem = NULL;
    if (nlayouts == 0) {
      probed[i].problem =
          "Graphviz has no plugins registered (its config6a file is missing): "
          "run `dot -c` as root";
      continue;
    }
    if (!listed(devices, ndev, fmt)) {
      snprintf(problem_text[i], sizeof problem_text[i],
               "Graphviz lists no renderer for %s%s", fmt,
               strcmp(fmt, "png") == 0 || strcmp(fmt, "pdf") == 0
                   ? ": its cairo/pango plugin (in Debian's libgvc6) is not "
                     "installed or not registered; reinstall libgvc6 and run "
                     "`dot -c` as root"
                   : "");
      probed[i].problem = problem_text[i];
      continue;
    }
    if (!laid) {
      probed[i].problem = "the test layout failed";
      continue;
    }
    char *data = NULL;
    unsigned int len = 0;
    messages_reset();
    int rc = gvRenderData(c, b.g, device(fmt), &data, &len);
    if (rc != 0 || len == 0) {
      snprintf(problem_text[i], sizeof problem_text[i],
               "Graphviz lists %s but its renderer fails (%s): a plugin in "
               "the configuration cannot be loaded; run `dot -c` as root",
               fmt, msgs.len ? msgs.buf : "no message");
      for (char *p = problem_text[i]; *p; p++)
        if (*p == '\n')
          *p = ' ';
      probed[i].problem = problem_text[i];
    }
    gvFreeRenderData(data);
  }
  if (b.g) {
    if (laid)
      gvFreeLayout(c, b.g);
    unbuild(&b);
  }
  cn_arena_free(&a);
  (void)texts;
  free_names(devices, ndev);
  free_names(texts, ntext);
  messages_reset();
}

const char *cn_render_format_problem(const char *format) {
  probe();
  for (int i = 0; i < NPROBE; i++)
    if (strcmp(probed[i].name, format) == 0)
      return probed[i].problem;
  return "cnet writes only svg, png, pdf, eps, dot and plain";
}

const cn_render_format *cn_render_formats(size_t *n) {
  probe();
  *n = NPROBE;
  return probed;
}

const char *cn_render_layout_problem(const char *engine) {
  probe();
  if (nlayouts == 0)
    return "Graphviz has no layout plugins registered: run `dot -c` as root";
  if (!listed(layouts, nlayouts, engine))
    return "this Graphviz has no such layout";
  return NULL;
}

/* ---- in-process layout and render (inside the child) ---- */

static int attr_point(const char *s, double *x, double *y) {
  return s && sscanf(s, "%lf,%lf", x, y) == 2 ? 0 : -1;
}

static void seed_for(const char *engine) {
  /* sfdp reads libc rand(): the same seed for every layout, so the same
   * figure comes out every time */
  if (strcmp(engine, "sfdp") == 0)
    srand(1);
}

/* Build f as a Graphviz graph and lay it out; on success the caller must
 * gvFreeLayout and unbuild (in that order). */
static int build_and_lay_out(GVC_t *c, const cn_fig *f, const char *engine,
                             built *b) {
  char why[256];
  if (build(f, b, why, sizeof why) != 0) {
    agerr(AGERR, "%s\n", why);
    unbuild(b);
    return -1;
  }
  seed_for(engine);
  if (gvLayout(c, b->g, engine) != 0) {
    unbuild(b);
    return -1;
  }
  return 0;
}

int cn_gv_layout(const cn_fig *f, const char *engine, cn_fig_geom *geom) {
  GVC_t *c = context();
  built b;
  if (build_and_lay_out(c, f, engine, &b) != 0)
    return -1;
  /* rendering to "dot" attaches pos, width, height and bb as attributes */
  char *data = NULL;
  unsigned int len = 0;
  int rc = gvRenderData(c, b.g, "dot", &data, &len);
  gvFreeRenderData(data);
  if (rc == 0) {
    cn_arena *a = f->arena;
    size_t nn = (size_t)f->nodes.n + 1, ne = (size_t)f->edges.n + 1;
    geom->x = cn_arena_alloc(a, sizeof(double) * nn);
    geom->y = cn_arena_alloc(a, sizeof(double) * nn);
    geom->w = cn_arena_alloc(a, sizeof(double) * nn);
    geom->h = cn_arena_alloc(a, sizeof(double) * nn);
    geom->epos = cn_arena_alloc(a, sizeof(char *) * ne);
    const char *bb = agget(b.g, "bb");
    if (!bb || sscanf(bb, "%lf,%lf,%lf,%lf", &geom->bb[0], &geom->bb[1],
                      &geom->bb[2], &geom->bb[3]) != 4)
      rc = -1;
    for (int i = 0; i < f->nodes.n && rc == 0; i++) {
      Agnode_t *n = b.nodes[i];
      if (attr_point(agget(n, "pos"), &geom->x[i], &geom->y[i]) != 0)
        rc = -1;
      const char *w = agget(n, "width"), *h = agget(n, "height");
      geom->w[i] = w ? atof(w) * 72 : 0;
      geom->h[i] = h ? atof(h) * 72 : 0;
    }
    for (int i = 0; i < f->edges.n && rc == 0; i++) {
      const char *p = agget(b.edges[i], "pos");
      geom->epos[i] = cn_arena_strdup(a, p ? p : "");
    }
    if (rc != 0)
      agerr(AGERR, "the layout gave no positions\n");
  }
  gvFreeLayout(c, b.g);
  unbuild(&b);
  return rc;
}

int cn_gv_render(const cn_fig *f, const char *engine, const char *format,
                 char **data, size_t *len) {
  GVC_t *c = context();
  built b;
  *data = NULL;
  *len = 0;
  if (build_and_lay_out(c, f, engine, &b) != 0)
    return -1;
  char *out = NULL;
  unsigned int n = 0;
  int rc = gvRenderData(c, b.g, device(format), &out, &n);
  if (rc == 0 && out) {
    *data = malloc(n ? n : 1);
    if (*data) {
      memcpy(*data, out, n);
      *len = n;
    } else {
      rc = -1;
    }
  }
  gvFreeRenderData(out);
  gvFreeLayout(c, b.g);
  unbuild(&b);
  return rc;
}

/* ---- isolation in a child process ---- */

enum { REC_ITEM = 1, REC_WARNING, REC_ERROR, REC_FAILURE };

typedef struct rec_header {
  int32_t kind, tag;
  uint64_t len;
} rec_header;

struct cn_render_sink {
  int fd;
  int failed;
};

static void put_all(int fd, const void *p, size_t n) {
  const char *s = p;
  while (n > 0) {
    ssize_t w = write(fd, s, n);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0)
      _exit(3); /* the parent is gone */
    s += w;
    n -= (size_t)w;
  }
}

static void put_record(int fd, int kind, int tag, const void *data,
                       size_t len) {
  rec_header h;
  memset(&h, 0, sizeof h);
  h.kind = kind;
  h.tag = tag;
  h.len = len;
  put_all(fd, &h, sizeof h);
  put_all(fd, data, len);
}

void cn_render_put(cn_render_sink *s, int tag, const void *data, size_t len) {
  put_record(s->fd, REC_ITEM, tag, data, len);
}

void cn_render_fail(cn_render_sink *s, const char *fmt, ...) {
  char buf[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  put_record(s->fd, REC_FAILURE, 0, buf, strlen(buf));
  s->failed = 1;
}

static void send_message(void *ud, int level, const char *text) {
  cn_render_sink *s = ud;
  put_record(s->fd, level ? REC_ERROR : REC_WARNING, 0, text, strlen(text));
}

/* A graph that makes dot 2.42 abort (../shared/crash_rank_cluster.gv),
 * built in a fixed order: the tests use it, through the environment
 * variable CNET_TEST_RENDER_CRASH, to check that such a crash stays in
 * the child. */
static void crash_for_tests(void) {
  static const char *const outside[] = {"a6", "a7", "a8", "a9"};
  static const char *const inside[] = {"a1", "a2", "a3", "a4", "a5"};
  static const char *const ranks[3][6] = {{"s2", "a5", "a6", NULL},
                                          {"s3", "a7", "a9", NULL},
                                          {"s1", "a1", "a2", "a3", "a4", "a8"}};
  static const char *const rank_names[] = {"rank_s2", "rank_s3", "rank_s1"};
  Agraph_t *g = agopen("G", Agundirected, &seq_disc);
  agsafeset(g, "rankdir", "LR", "");
  Agraph_t *co = agsubg(g, "cluster_outside", 1);
  for (int i = 0; i < 4; i++)
    agnode(co, (char *)outside[i], 1);
  Agraph_t *ci = agsubg(g, "cluster_inside", 1);
  for (int i = 0; i < 5; i++)
    agnode(ci, (char *)inside[i], 1);
  for (int r = 0; r < 3; r++) {
    Agraph_t *s = agsubg(g, (char *)rank_names[r], 1);
    agsafeset(s, "rank", "same", "");
    for (int k = 0; k < 6 && ranks[r][k]; k++)
      agnode(s, (char *)ranks[r][k], 1);
  }
  gvLayout(context(), g, "dot");
  abort(); /* in case this Graphviz survives it: the test wants a crash */
}

/* The child's stderr as one line: "PROG: " in front of an assertion
 * dropped, lines joined with "; ". */
static char *read_stderr(FILE *f) {
  rewind(f);
  char *out = NULL;
  size_t len = 0;
  FILE *m = open_memstream(&out, &len);
  if (!m)
    return NULL;
  char line[1024];
  int n = 0;
  while (fgets(line, sizeof line, f)) {
    line[strcspn(line, "\n")] = '\0';
    char *p = line;
    char *colon = strstr(p, ": ");
    if (colon && strstr(p, "Assertion") && !memchr(p, ' ', (size_t)(colon - p)))
      p = colon + 2;
    if (!*p)
      continue;
    fprintf(m, "%s%s", n++ ? "; " : "", p);
  }
  fclose(m);
  if (!n) {
    free(out);
    return NULL;
  }
  return out;
}

void cn_render_isolated(cn_render_job job, void *ud, cn_render_result *r) {
  memset(r, 0, sizeof *r);
  probe(); /* warm-up in this process before the first fork */
  int fds[2];
  if (pipe(fds) != 0) {
    r->status = -1;
    r->failure = strdup("cannot start the renderer (no pipe)");
    return;
  }
  fflush(stdout);
  fflush(stderr);
  /* the child's stderr (assertions, glibc, fontconfig) goes to a file the
   * parent reads back, so that it becomes part of the message */
  FILE *errf = tmpfile();
  pid_t pid = fork();
  if (pid < 0) {
    if (errf)
      fclose(errf);
    close(fds[0]);
    close(fds[1]);
    r->status = -1;
    r->failure = strdup("cannot start the renderer (fork failed)");
    return;
  }
  if (pid == 0) {
    close(fds[0]);
    if (errf)
      dup2(fileno(errf), 2);
    signal(SIGINT, SIG_DFL);
    signal(SIGPIPE, SIG_DFL);
    cn_render_sink sink = {fds[1], 0};
    messages_reset();
    if (getenv("CNET_TEST_RENDER_CRASH"))
      crash_for_tests();
    /* a warning as Graphviz gives it, for the tests of how cnet says it */
    const char *warning = getenv("CNET_TEST_GRAPHVIZ_WARNING");
    if (warning)
      agerr(AGWARN, "%s\n", warning);
    int rc = job(ud, &sink);
    each_message(send_message, &sink);
    if (rc != 0 && !sink.failed)
      cn_render_fail(&sink, "Graphviz could not draw the figure");
    close(fds[1]);
    _exit(rc == 0 ? 0 : 1);
  }
  close(fds[1]);
  char *buf = NULL;
  size_t len = 0, cap = 0;
  for (;;) {
    if (len + 65536 > cap) {
      size_t ncap = cap ? cap * 2 : 131072;
      char *p = realloc(buf, ncap);
      if (!p)
        break;
      buf = p;
      cap = ncap;
    }
    ssize_t n = read(fds[0], buf + len, cap - len);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      break;
    len += (size_t)n;
  }
  close(fds[0]);
  int st = 0;
  while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
    ;
  /* decode the records that arrived whole */
  size_t off = 0;
  while (off + sizeof(rec_header) <= len) {
    rec_header h;
    memcpy(&h, buf + off, sizeof h);
    if (h.len > len - off - sizeof h)
      break;
    const char *data = buf + off + sizeof h;
    off += sizeof h + h.len;
    if (h.kind == REC_ITEM) {
      cn_render_item *items =
          realloc(r->items, sizeof *items * (size_t)(r->nitems + 1));
      char *copy = malloc(h.len ? h.len : 1);
      if (!items || !copy) {
        free(copy);
        if (items)
          r->items = items;
        continue;
      }
      r->items = items;
      memcpy(copy, data, h.len);
      r->items[r->nitems].tag = h.tag;
      r->items[r->nitems].data = copy;
      r->items[r->nitems].len = h.len;
      r->nitems++;
    } else {
      char *text = strndup(data, h.len);
      if (!text)
        continue;
      if (h.kind == REC_FAILURE) {
        free(r->failure);
        r->failure = text;
      } else {
        int err = h.kind == REC_ERROR;
        char ***list = err ? &r->errors : &r->warnings;
        int *n = err ? &r->nerrors : &r->nwarnings;
        char **l = realloc(*list, sizeof *l * (size_t)(*n + 1));
        if (!l) {
          free(text);
          continue;
        }
        l[(*n)++] = text;
        *list = l;
      }
    }
  }
  free(buf);
  if (WIFSIGNALED(st))
    r->status = WTERMSIG(st);
  else if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
    r->status = -1;
  if (r->status == -1 && !r->failure)
    r->failure = strdup("the renderer stopped without a result");
  if (errf) {
    r->stderr_text = read_stderr(errf);
    fclose(errf);
  }
}

void cn_render_result_free(cn_render_result *r) {
  free(r->failure);
  free(r->stderr_text);
  for (int i = 0; i < r->nwarnings; i++)
    free(r->warnings[i]);
  free(r->warnings);
  for (int i = 0; i < r->nerrors; i++)
    free(r->errors[i]);
  free(r->errors);
  for (int i = 0; i < r->nitems; i++)
    free(r->items[i].data);
  free(r->items);
  memset(r, 0, sizeof *r);
}

/* Under LeakSanitizer (the cnet-asan build): what Graphviz, fontconfig,
 * cairo and pango keep for the life of the process, or leak inside
 * themselves (../shared/GRAPHVIZ.md §1.5), is theirs, not cnet's. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void) {
  return "leak:libgvc.so\n"
         "leak:libcgraph.so\n"
         "leak:libcdt.so\n"
         "leak:libgvplugin_\n"
         "leak:libfontconfig.so\n"
         "leak:libcairo.so\n"
         "leak:libpango\n"
         "leak:libglib\n"
         "leak:libgobject\n"
         "leak:libharfbuzz\n"
         "leak:libfreetype\n";
}
const char *__lsan_default_options(void);
const char *__lsan_default_options(void) { return "print_suppressions=0"; }
