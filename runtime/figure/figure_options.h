/* figure_options.h — the options of dot() and render(), read from a call
 * through one table (figure_options.c): each option's name, the kind of
 * value it takes, its doc, and how it is checked. */
#ifndef CN_FIGURE_OPTIONS_H
#define CN_FIGURE_OPTIONS_H

#include "eval.h"

/* cluster=: none, an actor attribute, or a list of groups */
enum { CL_NONE, CL_ATTR, CL_GROUPS };
/* actors (and ties) absent from a stage, in its panel: faint actors
 * without their ties (the default), faint actors with grey ties, or none */
enum { ABSENT_GREY, ABSENT_TIES, ABSENT_HIDE };

typedef struct cn_figure_opts {
  const cn_ast *node;        /* the call */
  const cn_loc *loc;
  int is_render;
  const char *to;
  const cn_loc *to_loc;
  const char *format;        /* from the extension */
  const char *per_stage;     /* the "%s" in to=, or NULL */
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
  const char *lang;          /* "zh", "en", or NULL: the case's */
  int32_t *stages;           /* stages=…: one panel each */
  int nstages;
  int absent;                /* ABSENT_… */
  int legend;
  double dpi;
  /* the size the figure is composed for: the page's width and the size
   * of the actors' labels on it, both in points (1/72 in) */
  double width_pt;
  int width_auto;            /* width="auto": 14cm, or wider when the
                                labels need it at fontsize= */
  const cn_loc *width_loc;
  double font_pt;
  int theme;                 /* THEME_… */
  /* what the figure encodes (figure_encode.c) */
  const char *size_by;       /* node_size=: a measure or an attribute */
  int size_measure;          /* 1: size_by is a measure, 0: an attribute */
  const cn_loc *size_loc;
  int width_by_weight;       /* tie_width=weight */
  int32_t *label_actors;     /* labels=[A, B]: only these are labelled */
  int nlabel_actors;
  int32_t focus;             /* focus=A: the actor, or -1 */
  int32_t focus_group;       /* focus=G: a group, drawn where collapsed, or -1 */
  const cn_loc *focus_loc;
  int changes;               /* changes=true: ties new and ended per panel */
  int32_t *layer_panels;     /* layers=…: one panel each */
  int nlayer_panels;
  int layers_all;            /* layers=all: those with ties drawn */
  const cn_loc *layers_loc;
} cn_figure_opts;

/* theme=: colour, or "print" (greys only, for black-and-white journals) */
enum { THEME_COLOUR, THEME_PRINT };

/// Read the options of a dot() (is_render 0) or render() call into *o,
/// with their defaults; a bad value is an error at the option.
void cn_figure_parse_options(cn_eval *E, cn_call *call, cn_figure_opts *o,
                             int is_render);
/// Error at the first named argument of the call that is no option of
/// its function (nor a selection key), with the closest option as hint.
void cn_figure_options_done(cn_eval *E, cn_call *call, const cn_figure_opts *o);
/// render(): to= must be given and name a known format by its extension
/// (sets o->format), and hold "%s" at most once, only with stages=.
void cn_figure_check_output(cn_eval *E, cn_figure_opts *o);

#endif
