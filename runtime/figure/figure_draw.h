/* figure_draw.h — what the files of runtime/figure/ share: the styles of
 * a figure, the drawing being made (the union laid out once, and the
 * panels drawn from it) and the steps that make it.  Private to
 * runtime/figure/; figure.h is its API. */
#ifndef CN_FIGURE_DRAW_H
#define CN_FIGURE_DRAW_H

#include "figure_options.h"
#include "render.h"
#include "snapshot.h"

/* Actors absent from a stage: light enough to recede in colour and in
 * grayscale print, dark enough to be read when looked for. */
#define ABSENT_LINE "#cccccc"
#define ABSENT_TEXT "#a0a0a0"

typedef struct styles {
  /* per layer; index nlayers is the implicit layer of a case without any */
  const char **lcolor, **lstyle, **lwidth, **llabel, **lkey;
  /* per kind; index nkinds is "no kind" */
  const char **kshape, **kstyle, **kcolor, **kfill, **klabel;
} styles;

/* Words of the legend and title, in the figure's language. */
typedef struct words {
  const char *ties, *actors, *group, *broker, *key, *listed, *absent;
  const char *actor, *tie;         /* an actor without kind, a tie without layer */
  const char *collapsed, *without; /* in a subtitle: "collapsed: G" */
  const char *list_sep;            /* between the items of a list */
} words;

/* A line of a figure: the ties between two layout nodes in one layer. */
enum { LINE_FORWARD = 1, LINE_BACK = 2 }; /* directed tail → head, head → tail */
typedef struct fig_line {
  int tail, head;  /* layout nodes */
  int layer;       /* the layer's index; nlayers: a case without layers */
  int dirs;        /* LINE_…: the directions of its directed ties */
  double strength; /* the summed weight of its ties */
} fig_line;

typedef struct line_set {
  cn_arena *arena;
  fig_line *items;
  int n, cap;
  int *slot; /* hash of (pair, layer) -> index in items, or -1 */
  int nslot;
} line_set;

typedef struct vkey_map { /* vertex key -> figure node */
  int32_t *actor, *group;
} vkey_map;

/* One drawn network (a stage panel, or the whole figure). */
typedef struct panel {
  cn_snapshot *s;
  int stage;        /* -1: not a stage panel */
  cn_fig fig;       /* its nodes and edges */
  int *node_src;    /* node -> node of the layout figure */
  int *edge_src;    /* edge -> edge of the layout figure */
  const char *caption; /* HTML, or NULL */
  unsigned char *mark; /* per vertex: 1 broker or listed, 2 key actor */
  line_set lines;      /* its ties, in layout nodes */
} panel;

typedef struct drawing {
  cn_eval *E;
  const cn_figure_opts *o;
  styles st;
  const words *w;
  cn_fig layout;       /* what is laid out: the union of the panels */
  line_set llines;     /* the union's lines: line k is layout edge k */
  vkey_map lnode;      /* vertex key -> layout node */
  /* cluster= in the layout, so that members are laid out together */
  const char **lvalues;
  int nlvalues;
  int *lcluster;       /* cluster index (value or group) -> layout cluster */
  int nlcluster;
  int32_t *lkeys;      /* layout node -> vertex key */
  panel *panels;
  int npanels;
  const char *engine;
  int own_splines;     /* draw ties ourselves (not dot) */
  const char *title_html; /* or NULL */
  /* what the legend shows */
  unsigned char *layer_used, *kind_used;
  int group_used, broker_used, key_used, listed_used, absent_used;
  /* outputs */
  int combined;        /* all panels in one file */
  const char **paths;  /* one per output */
  int npaths;
  const char *format;
  const char *page_data; /* format html: the page's JSON (figure_html.c) */
} drawing;

/* How highlighted and absent actors are drawn, in the figure and in the
 * legend.  A vertex's mark: MARK_BROKER for a broker, MARK_KEY for the key
 * actor (highlight=brokers), MARK_LISTED for an actor the user listed
 * (highlight=[A, B]), who need not span any hole. */
enum { MARK_NONE, MARK_BROKER, MARK_KEY, MARK_LISTED };
#define BROKER_PEN "2.2"
#define KEY_PEN "3.2"
#define KEY_FILL "#dcdcdc"
#define LISTED_PEN "2.2"
#define LISTED_FILL "#ffe680" /* a highlighter's yellow */
#define ABSENT_PEN "0.7"
#define GROUP_SHAPE "box3d" /* a collapsed group */

/* ---- styles (figure_style.c) ---- */

/// The styles of the case's layers and kinds.
void figure_make_styles(cn_eval *E, styles *st);
/// The defaults every figure starts from (fonts, sizes, node look).
void figure_defaults(drawing *d, cn_fig *f);
/// The graph attributes of a layout engine.
void figure_engine_attrs(cn_fig *f, const char *engine);
/// The id of a vertex (key: actor, or -1 - group) in a panel.
const char *figure_vertex_id(drawing *d, int32_t key, const char *prefix);
/// Style node `node` of f as vertex key, with its mark (MARK_…), or
/// grey when absent from the panel's stage.
void figure_style_vertex(drawing *d, cn_fig *f, int node, int32_t key,
                         int mark, int grey, const char *id);
/// Style edge e of f as a tie of `layer` (-1: none).
void figure_style_edge(drawing *d, cn_fig *f, int e, int layer, int directed,
                       int grey, const char *id);

/* ---- texts (figure_text.c) ---- */

/// An attribute of a declaration as text, or NULL.
const char *figure_attr_text(cn_eval *E, const cn_attrs *at, const char *key);
/// The figure's words: in the language of lang=, else of the case's
/// `lang` attribute, else of the case's title; an unknown language is an
/// error at where it is named.
const words *figure_words(cn_eval *E, const cn_figure_opts *o);
/// The label of a vertex key, wrapped when long.
const char *figure_key_label(drawing *d, int32_t key);
/// The caption of the p-th stage panel (HTML).
const char *figure_stage_caption(cn_arena *A, const cn_stage *st, int p);
/// The title (HTML): the title= option, or the case's title and the
/// selection; NULL for none.
const char *figure_title(drawing *d, const cn_selection *sel, int stage_mode);
/// Put the drawing's title (if any) on top of out.
void figure_title_attrs(const drawing *d, cn_fig *out);

/* ---- the union layout (figure_layout.c) ---- */

void figure_vkey_init(cn_eval *E, vkey_map *m);
int32_t *figure_vkey_slot(vkey_map *m, int32_t key);
/// The vertex key of an actor's vertex in snapshot s (its group's when
/// collapsed).
int32_t figure_vertex_key(const cn_snapshot *s, int32_t actor);
/// Add a snapshot's vertices to the layout figure, and its ties to
/// d->llines.
void figure_add_to_layout(drawing *d, const cn_snapshot *s,
                          const unsigned char *mark);
/// The layout figure's edges: one per line of d->llines.
void figure_layout_edges(drawing *d);
/// Fill d->lkeys: the vertex key of each layout node.
void figure_layout_keys(drawing *d);
/// The layout= option, or the engine chosen by size and clusters.
const char *figure_default_engine(drawing *d, int nvertices);

/* ---- lines (figure_lines.c) ---- */

void figure_lines_init(cn_arena *A, line_set *ls);
/// Merge a snapshot's ties into ls: one line per pair and layer.
void figure_lines_add(drawing *d, line_set *ls, const cn_snapshot *s);
/// The index of the line between layout nodes a and b (either way) in
/// layer, or -1.
int figure_lines_find(const line_set *ls, int a, int b, int layer);
/// Style edge e of f as line l: its layer, its arrows, its strength.
void figure_style_line(drawing *d, cn_fig *f, int e, const fig_line *l, int grey,
                       const char *id);

/* ---- panels (figure_panels.c) ---- */

/// The marks (MARK_…) of a snapshot's vertices, per the highlight= option.
unsigned char *figure_highlights(drawing *d, cn_snapshot *s);
/// The cluster of a vertex: an index into *values (grown as values are
/// met) or into the cluster= groups, or -1.
int figure_vertex_cluster(drawing *d, const cn_snapshot *s, int32_t v,
                          const char ***values, int *nvalues);
/// The label of cluster i.
const char *figure_cluster_label(drawing *d, int i, const char **values);
/// Build panel p (the index-th): its nodes, ties and clusters.
void figure_build_panel(drawing *d, panel *p, int index, int stage_mode);

/* ---- fonts (figure_fonts.c) ---- */

/// Error at the call unless the font covers every text of the drawing.
void figure_check_font(drawing *d);

/* ---- composition (figure_compose.c, figure_legend.c) ---- */

/// Compose panels [first, first + n) at the positions of the layout g, with
/// title, captions and legend, into out (runs in the renderer's child).
void figure_compose(drawing *d, const cn_fig_geom *g, int first, int n,
                    cn_fig *out);
/// The legend's width in points.
double figure_legend_width(drawing *d);
/// The legend as nodes and sample edges at fixed positions, its top-left
/// corner at (x0, top); returns its height.
double figure_legend(drawing *d, cn_fig *out, double x0, double top);

#endif
