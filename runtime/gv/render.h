/* render.h — figures.  A figure is first described as plain data (cn_fig:
 * nodes, edges, clusters and their Graphviz attributes, no Graphviz types),
 * then render.c — the only file that includes Graphviz — builds it through
 * cgraph, lays it out and writes it.  Layouts and renders run in a forked
 * child, so that an abort inside Graphviz or its leaks never reach the
 * interpreter; the parent gets the bytes, the messages and the exit status.
 * render_fig.c holds the model helpers, render_font.c the fontconfig check,
 * render_bytes.c the last touches to a file's bytes. */
#ifndef CN_RENDER_H
#define CN_RENDER_H

#include <stddef.h>

#include "arena.h"

/* ---- the figure model (render_fig.c) ---- */

/* One Graphviz attribute.  Values are data: plain labels are escString
 * (make them with cn_fig_plain_label), HTML-like labels are flagged. */
typedef struct cn_fig_attr {
  const char *key, *value;
  int html; /* value is an HTML-like label (its text already XML-escaped) */
} cn_fig_attr;

typedef struct cn_fig_attrs {
  int n, cap;
  cn_fig_attr *items;
} cn_fig_attrs;

typedef struct cn_fig_node {
  const char *name; /* unique in the figure: the cgraph node name */
  int cluster;      /* index in clusters, or -1 */
  cn_fig_attrs attrs;
} cn_fig_node;

typedef struct cn_fig_edge {
  int tail, head;  /* node indices */
  const char *key; /* parallel edges between one pair have distinct keys */
  cn_fig_attrs attrs;
} cn_fig_edge;

typedef struct cn_fig_cluster {
  const char *name; /* starts with "cluster" */
  cn_fig_attrs attrs;
} cn_fig_cluster;

typedef struct cn_fig {
  cn_arena *arena; /* owns every string and array of the figure */
  const char *name;
  cn_fig_attrs graph_defaults; /* graph attributes clusters inherit too */
  cn_fig_attrs graph;          /* the root graph's own */
  cn_fig_attrs node_defaults, edge_defaults;
  struct { int n, cap; cn_fig_node *items; } nodes;
  struct { int n, cap; cn_fig_edge *items; } edges;
  struct { int n, cap; cn_fig_cluster *items; } clusters;
} cn_fig;

/* Where a layout put things, in points (y up, as Graphviz has it). */
typedef struct cn_fig_geom {
  double bb[4];        /* llx, lly, urx, ury of the whole drawing */
  double *x, *y;       /* per node: centre */
  double *w, *h;       /* per node: size */
  const char **epos;   /* per edge: its spline, as Graphviz wrote `pos` */
} cn_fig_geom;

void cn_fig_init(cn_fig *f, cn_arena *a, const char *name);
/// Set (or replace) an attribute.
void cn_fig_set(cn_fig *f, cn_fig_attrs *at, const char *key,
                const char *value);
void cn_fig_set_html(cn_fig *f, cn_fig_attrs *at, const char *key,
                     const char *value);
void cn_fig_setf(cn_fig *f, cn_fig_attrs *at, const char *key,
                 const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/// The value of an attribute, or NULL.
const char *cn_fig_get(const cn_fig_attrs *at, const char *key);
int cn_fig_add_cluster(cn_fig *f, const char *name);
int cn_fig_add_node(cn_fig *f, const char *name, int cluster);
int cn_fig_add_edge(cn_fig *f, int tail, int head, const char *key);
/// The node called name, or -1.
int cn_fig_find_node(const cn_fig *f, const char *name);
/// Copy every attribute of src into dst (values shared).
void cn_fig_copy_attrs(cn_fig *f, cn_fig_attrs *dst, const cn_fig_attrs *src);
/// Text as a plain Graphviz label (cn_esc_dot_label), in the arena.
char *cn_fig_plain_label(cn_arena *a, const char *text);
/// Text for an HTML-like label (cn_esc_html_label), in the arena.
char *cn_fig_html_text(cn_arena *a, const char *text);
/// Approximate width in points of one line of text at `size` points
/// (a CJK character is one em, other characters about 0.6 em).
double cn_fig_text_width(const char *text, double size);

/* ---- fonts (render_font.c) ---- */

/// Check through fontconfig that font `family` is installed and has a
/// glyph for every character of the n texts.  NULL when all is well, else
/// a message (malloc'ed) naming what is missing; *hint (malloc'ed) says
/// what to install.
char *cn_render_font_problem(const char *family, const char *const *texts,
                             size_t n, char **hint);

/* ---- Graphviz (render.c) ---- */

/// The DOT text of a figure as built, before any layout (agwrite into
/// memory).  Returns a malloc'ed string, or NULL with *why set.
char *cn_render_dot_text(const cn_fig *f, char *why, size_t nwhy);

/// Is this Graphviz able to write `format` (svg, png, pdf, dot …)?  The
/// first call probes every format once with a one-node render in this
/// process (also the warm-up before any fork).  NULL if it works, else
/// why not (a static string).
const char *cn_render_format_problem(const char *format);
/// Every probed format with its problem (NULL when it works).
typedef struct cn_render_format {
  const char *name;
  const char *problem;
} cn_render_format;
const cn_render_format *cn_render_formats(size_t *n);
/// Is `engine` a layout Graphviz has?  NULL, or why not.
const char *cn_render_layout_problem(const char *engine);

/* In-process calls, for use inside cn_render_isolated's job only: each is
 * one uninterrupted build → layout → render → free of one graph. */

/// Lay out f with engine and fill *geom (arrays in f->arena).  0 or -1.
int cn_gv_layout(const cn_fig *f, const char *engine, cn_fig_geom *geom);
/// Lay out f with engine and render it; *data is malloc'ed.  0 or -1.
int cn_gv_render(const cn_fig *f, const char *engine, const char *format,
                 char **data, size_t *len);

/* ---- a rendered file's bytes (render_bytes.c) ---- */

/// The last touches to a rendered file (*data malloc'ed, replaced when
/// it grows): a PNG's resolution recorded (pHYs, dpi), an EPS's bounding
/// box set to the page (width points wide), and with SOURCE_DATE_EPOCH
/// set, the creation date of a PDF or EPS.  0, or -1 when the bytes are
/// not what cairo writes.
int cn_render_finish(const char *format, double width, double dpi,
                     char **data, size_t *len);

/* Isolation: run a job in a forked child.  The job hands back results
 * with cn_render_put (any number, each with a tag) and returns 0 or -1
 * (after cn_render_fail).  Graphviz messages seen in the child come back
 * with the results. */
typedef struct cn_render_sink cn_render_sink;
typedef int (*cn_render_job)(void *ud, cn_render_sink *sink);
void cn_render_put(cn_render_sink *s, int tag, const void *data, size_t len);
void cn_render_fail(cn_render_sink *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

typedef struct cn_render_item {
  int tag;
  char *data;
  size_t len;
} cn_render_item;

typedef struct cn_render_result {
  int status;           /* 0 ok, -1 the job failed, >0 the signal that
                           killed the child */
  char *failure;        /* the job's own failure message, or NULL */
  char **warnings;      /* Graphviz's warnings, in order */
  int nwarnings;
  char **errors;        /* Graphviz's errors */
  int nerrors;
  cn_render_item *items;
  int nitems;
  char *stderr_text;    /* what the child wrote to stderr (an assertion,
                           glibc's heap check, fontconfig), one line, or NULL */
} cn_render_result;

/// Run job(ud, sink) in a child process and collect what it sends.
void cn_render_isolated(cn_render_job job, void *ud, cn_render_result *r);
void cn_render_result_free(cn_render_result *r);

#endif
