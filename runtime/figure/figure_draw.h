/* figure_draw.h — what the files of runtime/figure/ share: the styles of
 * a figure, the drawing being made (the union laid out once, and the
 * panels drawn from it) and the steps that make it.  Private to
 * runtime/figure/; figure.h is its API. */
#ifndef CN_FIGURE_DRAW_H
#define CN_FIGURE_DRAW_H

#include "figure_options.h"
#include "render.h"
#include "snapshot.h"

/* Actors absent from a stage: a dashed outline without fill, light
 * enough to recede, dark enough to survive greyscale print (#ccc did
 * not); their ties, when drawn, lighter still. */
/* The size the captions and legend are set in proportion to. */
#define PAGE_PT(d) ((d)->page_pt > 0 ? (d)->page_pt : (d)->o->font_pt)

#define ABSENT_LINE "#999999"
#define ABSENT_TEXT "#808080"
#define ABSENT_TIE "#c8c8c8"

typedef struct styles {
  /* per layer; index nlayers is the implicit layer of a case without any */
  const char **lcolor, **lstyle, **lwidth, **llabel, **lkey;
  /* per kind; index nkinds is "no kind" */
  const char **kshape, **kstyle, **kcolor, **kfill, **klabel;
  int print; /* theme="print": greys only */
} styles;

/* Words of the legend and title, in the figure's language. */
typedef struct words {
  const char *ties, *actors, *group, *broker, *key, *listed, *absent;
  const char *actor, *tie;         /* an actor without kind, a tie without layer */
  const char *collapsed, *without; /* in a subtitle: "collapsed: G" */
  const char *list_sep;            /* between the items of a list */
  int zh;                          /* the figure is in Chinese */
} words;

/* A legend entry beyond layers and kinds (figure_encode.c makes them):
 * a heading, a sample line or a sample node of a given size. */
enum { ENTRY_HEAD, ENTRY_LINE, ENTRY_NODE };
typedef struct legend_entry {
  int type;           /* ENTRY_… */
  const char *text;
  const char *id;     /* of its sample, for tests */
  double size;        /* LINE: pen width; NODE: diameter (points) */
  const char *style, *color, *fill;
} legend_entry;

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
  const char *tag;  /* a panel's stage or layer name (node names end "@tag") */
  cn_fig fig;       /* its nodes and edges */
  int *node_src;    /* node -> node of the layout figure */
  int *edge_src;    /* edge -> edge of the layout figure */
  const char *caption; /* HTML, or NULL */
  const char *caption_line; /* the same on one line, or NULL */
  double caption_line_w;    /* its width at 1 pt */
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
  /* the size of actors' labels, in points on the page: fontsize=, or
   * less when the network does not fit the width (then warned) */
  double text_pt;
  double page_pt;    /* the captions' and legend's text size when
                        the labels shrank to fit the page; 0: fontsize= */
  double shrunk_pt;    /* the labels' size if it had to shrink, else 0 */
  double min_width_pt; /* then: the narrowest page that keeps fontsize= */
  const char *title_html; /* or NULL */
  /* what the legend shows */
  unsigned char *layer_used, *kind_used;
  int group_used, broker_used, key_used, listed_used, absent_used;
  /* node_size=: per layout node, the height of the label set below its
   * shape (layout points, with the gap above it), or 0: in its shape */
  double *below_h;
  legend_entry *entries; /* node sizes, tie widths, focus, changes */
  int nentries;
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
/* Pens in points on the page (0.5 pt is the thinnest line a journal
 * prints). */
#define BROKER_PEN "1.6"
#define KEY_PEN "2.4"
#define KEY_FILL "#dcdcdc"
#define LISTED_PEN "1.6"
#define LISTED_FILL "#ffe680" /* a highlighter's yellow */
/* in print a mid grey: the yellow's own grey would match the key's fill */
#define LISTED_FILL_PRINT "#b3b3b3"
#define LISTED_FILL_OF(st) ((st)->print ? LISTED_FILL_PRINT : LISTED_FILL)
#define ABSENT_PEN "0.6"
#define THIN_PEN 0.5
/* The title's and the panel captions' sizes, to fontsize= */
#define TITLE_SCALE 1.25
#define CAPTION_SCALE 1.1
#define GROUP_SHAPE "box3d" /* a collapsed group */
/* The room a force layout leaves around each actor (points): room for
 * the ties routed between them. */
#define LAYOUT_SEP_PT 5

/* ---- styles (figure_style.c) ---- */

/// The styles of the case's layers and kinds (theme: THEME_…).
void figure_make_styles(cn_eval *E, int theme, styles *st);
/// The defaults every figure starts from (fonts, sizes, node look), for
/// labels of d->text_pt points.
void figure_defaults(drawing *d, cn_fig *f);
/// A colour as the theme draws it: itself, or under theme="print" its
/// grey of the same luma (a colour named, not written #rrggbb: `grey`);
/// NULL stays NULL.
const char *figure_colour(const styles *st, cn_arena *A, const char *colour,
                          const char *grey);
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
/// A span as captions write it: 1990–2013, 2006–, –1994, 1997, or "" for
/// all time (the page's stage tabs use it too).
const char *figure_span_text(cn_arena *A, cn_span s);
/// The caption of the p-th stage panel (HTML).
const char *figure_stage_caption(cn_arena *A, const cn_stage *st, int p,
                                 int one_line);
/// The width of its one-line form at 1 pt.
double figure_stage_caption_width(cn_arena *A, const cn_stage *st, int p);
/// The caption of the p-th layer panel (HTML): (a) and the layer's label.
const char *figure_layer_caption(cn_arena *A, const cn_layer *ly, int p);
/// Its width at 1 pt.
double figure_layer_caption_width(cn_arena *A, const cn_layer *ly, int p);
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

/* ---- what the figure encodes (figure_encode.c) ---- */

/// The outlines a node is drawn with: its peripheries=, else its shape's
/// (figure_compose.c).  Graphviz draws each beyond the first
/// GV_PERIPHERY_GAP points out.
int figure_peripheries(const cn_fig_attrs *at);
#define GV_PERIPHERY_GAP 4

/// The table a measure built-in (brokers, betweenness …) gives for
/// snapshot s, called as `fn(s)` at the figure's call.
cn_value figure_native_table(drawing *d, const char *fn, cn_snapshot *s);
/// Does the vertex key get its label (labels=, labels=[A, B])?
int figure_labelled(const drawing *d, int32_t key);
/// A node sized by node_size= (fixedsize=shape) drawn on a page whose
/// labels shrank `size` times: its size shrinks with them.
void figure_scale_fixed_size(cn_fig *f, cn_fig_attrs *at, double size);
/// The widest line (points at em) and the number of lines of a plain
/// Graphviz label (lines broken by \\n, \\l, \\r).
double figure_label_width(const char *label, double em, int *lines);
/// The room between a shape and the label set below it, and a line's
/// height, in ems (Graphviz sets lines 1.2 em apart).
#define LABEL_GAP_EM 0.3
#define LABEL_LINE_EM 1.2
/// node_size=, tie_width=, focus= and changes= on the built panels and the
/// layout figure, with their legend entries.
void figure_encode(drawing *d);

/* ---- Graphviz's messages (figure_messages.c) ---- */

/// A warning of Graphviz as the figure's author should read it, or NULL
/// when it is dropped (nothing to act on).
const char *figure_graphviz_warning(cn_arena *A, const char *raw);

/* ---- fonts (figure_fonts.c) ---- */

/// Error at the call unless the font covers every text of the drawing.
void figure_check_font(drawing *d);

/* ---- composition (figure_compose.c, figure_legend.c) ---- */

/// Lay out the union of the panels into g, in the orientation that fits
/// the page best (runs in the renderer's child).  0 or -1.
int figure_lay_out(drawing *d, cn_fig_geom *g);
/// Compose panels [first, first + n) at the positions of the layout g, with
/// title, captions and legend, into out (runs in the renderer's child).
void figure_compose(drawing *d, const cn_fig_geom *g, int first, int n,
                    cn_fig *out);
/// The legend's width in points, in one column.
double figure_legend_width(drawing *d);
/// Its width and height flowed into `cols` columns.
double figure_legend_columns_width(drawing *d, int cols);
double figure_legend_height(drawing *d, int cols);
/// The legend as nodes and sample edges at fixed positions, in `cols`
/// columns, its top-left corner at (x0, top); returns its height.
double figure_legend(drawing *d, cn_fig *out, double x0, double top,
                     int cols);

#endif
