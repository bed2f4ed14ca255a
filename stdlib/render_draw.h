/* render_draw.h — what natives_render.c and render_compose.c share: the
 * options of a figure, its styles, and the drawing being made (the union
 * laid out once, and the panels drawn from it).  Private to stdlib/. */
#ifndef CN_RENDER_DRAW_H
#define CN_RENDER_DRAW_H

#include "builtins.h"
#include "render.h"
#include "snapshot.h"

enum { CL_NONE, CL_ATTR, CL_GROUPS };
/* actors (and ties) absent from a stage, in its panel: faint actors
 * without their ties (the default), faint actors with grey ties, or none */
enum { ABSENT_GREY, ABSENT_TIES, ABSENT_HIDE };

/* Actors absent from a stage: light enough to recede in colour and in
 * grayscale print, dark enough to be read when looked for. */
#define ABSENT_LINE "#cccccc"
#define ABSENT_TEXT "#a0a0a0"

typedef struct ropts {
  const cn_ast *node;        /* the call */
  const cn_loc *loc;
  int is_render;
  const char *to;
  const cn_loc *to_loc;
  const char *format;        /* from the extension */
  const char *layout;        /* NULL: chosen by size */
  const cn_loc *layout_loc;
  int hl_brokers;            /* highlight=brokers */
  const cn_value *hl_list;   /* highlight=[actors] */
  const cn_loc *hl_loc;
  int cluster;               /* CL_… */
  cn_name *cluster_key;
  int32_t *cluster_groups;
  int ncluster_groups;
  int labels;
  const char *title;         /* NULL: the default title */
  const char *font;
  int32_t *stages;           /* stages=…: one panel each */
  int nstages;
  int absent;                /* ABSENT_… */
  int legend;
  double dpi;
} ropts;

typedef struct styles {
  /* per layer; index nlayers is the implicit layer of a case without any */
  const char **lcolor, **lstyle, **lwidth, **llabel, **lkey;
  /* per kind; index nkinds is "no kind" */
  const char **kshape, **kstyle, **kcolor, **kfill, **klabel;
  int cjk; /* the case writes Chinese (legend words follow) */
} styles;

/* Words of the legend and captions, in the case's language. */
typedef struct words {
  const char *ties, *actors, *group, *broker, *key, *absent;
} words;

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
} panel;

typedef struct drawing {
  cn_eval *E;
  ropts *o;
  styles st;
  const words *w;
  cn_fig layout;       /* what is laid out: the union of the panels */
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
  int group_used, broker_used, key_used, absent_used;
  /* outputs */
  int combined;        /* all panels in one file */
  const char **paths;  /* one per output */
  int npaths;
  const char *format;
} drawing;

/// The defaults every figure starts from (fonts, sizes, node look).
void cn_draw_defaults(drawing *d, cn_fig *f);
/// Compose panels [first, first + n) at the positions of the layout g, with
/// title, captions and legend, into out (runs in the renderer's child).
void cn_draw_compose(drawing *d, const cn_fig_geom *g, int first, int n,
                     cn_fig *out);

#endif
