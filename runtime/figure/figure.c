/* figure.c — a figure from a dot() or render() call: its drawing (styles,
 * the union layout, the panels, the title), the DOT text of dot(), and the
 * layout and render of render() in the isolated child. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "figure.h"
#include "figure_draw.h"

/* Call a copy of `call` with stage=S added (so the stage's own default
 * selection arguments apply) and return its snapshot. */
static cn_snapshot *stage_snapshot(cn_eval *E, cn_call *call, int32_t stage) {
  cn_call c2 = *call;
  int n = call->nnamed;
  cn_name **names = cn_arena_alloc(E->arena, sizeof(cn_name *) * (size_t)(n + 1));
  cn_value *named = cn_arena_alloc(E->arena, sizeof(cn_value) * (size_t)(n + 1));
  cn_loc *locs = cn_arena_alloc(E->arena, sizeof(cn_loc) * (size_t)(n + 1));
  unsigned char *used = cn_arena_alloc(E->arena, (size_t)n + 1);
  if (n) {
    memcpy(names, call->names, sizeof(cn_name *) * (size_t)n);
    memcpy(named, call->named, sizeof(cn_value) * (size_t)n);
    memcpy(locs, call->named_loc, sizeof(cn_loc) * (size_t)n);
    memcpy(used, call->used, (size_t)n);
  }
  names[n] = cn_intern_cstr(&E->c->names, "stage");
  named[n] = cn_named(CN_V_STAGE, E->c->stages.items[stage].name);
  locs[n] = call->node->loc;
  used[n] = 0;
  c2.names = names;
  c2.named = named;
  c2.named_loc = locs;
  c2.used = used;
  c2.nnamed = n + 1;
  cn_snapshot *s = cn_snapshot_of_call(E, &c2);
  memcpy(call->used, used, (size_t)n);
  return s;
}

/* stages=: one panel per stage, each with its caption.  A network given
 * as the first argument is taken by each panel's snapshot, and then by
 * none of the later checks. */
static void stage_panels(cn_eval *E, cn_call *call, drawing *d) {
  const cn_case *c = E->c;
  const cn_figure_opts *o = d->o;
  for (int i = 0; i < call->nnamed; i++)
    if (!call->used[i] && (strcmp(call->names[i]->str, "stage") == 0 ||
                           strcmp(call->names[i]->str, "at") == 0 ||
                           strcmp(call->names[i]->str, "span") == 0))
      cn_eval_fail(E, &call->named_loc[i],
                   "stages= draws one panel per stage: leave out stage=, at= "
                   "and span=",
                   "'%s' cannot be combined with stages=",
                   call->names[i]->str);
  cn_value first = call->npos > 0 ? call->pos[0] : cn_nil();
  for (int p = 0; p < d->npanels; p++) {
    cn_call c2 = *call;
    if (first.t == CN_V_NET) {
      c2.pos = cn_arena_alloc(E->arena, sizeof(cn_value) * (size_t)call->npos);
      memcpy(c2.pos, call->pos, sizeof(cn_value) * (size_t)call->npos);
    }
    d->panels[p].s = stage_snapshot(E, &c2, o->stages[p]);
    d->panels[p].stage = o->stages[p];
    d->panels[p].caption =
        figure_stage_caption(E->arena, &c->stages.items[o->stages[p]], p);
  }
  if (first.t == CN_V_NET) {
    call->pos++;
    call->pos_loc++;
    call->npos--;
  }
}

/* Clusters that the chosen engine will not keep together. */
static void cluster_warning(cn_eval *E, const drawing *d) {
  const cn_figure_opts *o = d->o;
  if (o->cluster == CL_NONE)
    return;
  if (strcmp(d->engine, "neato") != 0 && strcmp(d->engine, "dot") != 0 &&
      strcmp(d->engine, "fdp") != 0)
    cn_diag_warning(E->diag, o->loc,
                    "layout=%s does not keep clusters together (dot and fdp do)",
                    d->engine);
  else if (strcmp(d->engine, "neato") == 0)
    cn_diag_warning(E->diag, o->loc,
                    "layout=neato draws each cluster's box around wherever its "
                    "members land; dot and fdp keep them together");
}

/* Build the drawing of a call: its panels and the layout figure. */
static void prepare(cn_eval *E, cn_call *call, const cn_figure_opts *o,
                    drawing *d) {
  memset(d, 0, sizeof *d);
  d->E = E;
  d->o = o;
  figure_make_styles(E, o->theme, &d->st);
  d->text_pt = o->font_pt;
  d->w = figure_words(d->st.cjk);
  const cn_case *c = E->c;
  d->layer_used = cn_arena_alloc(E->arena, c->layers.n + 1);
  d->kind_used = cn_arena_alloc(E->arena, c->kinds.n + 1);
  figure_vkey_init(E, &d->lnode);
  int stage_mode = o->nstages > 0;
  d->npanels = stage_mode ? o->nstages : 1;
  d->panels = cn_arena_alloc(E->arena, sizeof(panel) * (size_t)d->npanels);
  cn_fig_init(&d->layout, E->arena, c->title ? c->title->str : "cnet");
  figure_defaults(d, &d->layout);
  if (stage_mode) {
    stage_panels(E, call, d);
  } else {
    d->panels[0].s = cn_snapshot_of_call(E, call);
    d->panels[0].stage = d->panels[0].s->sel.stage;
  }
  cn_arg_count(E, call);
  cn_figure_options_done(E, call, o);
  /* the union of the panels is what gets laid out */
  for (int p = 0; p < d->npanels; p++) {
    d->panels[p].mark = figure_highlights(d, d->panels[p].s);
    figure_add_to_layout(d, d->panels[p].s, d->panels[p].mark);
  }
  figure_layout_keys(d);
  if (d->layout.nodes.n == 0)
    cn_eval_fail(E, o->loc, "check the selection: ties(…) lists what it holds",
                 "nothing to draw: the selection has no actors");
  d->engine = figure_default_engine(d, d->layout.nodes.n);
  d->own_splines = strcmp(d->engine, "dot") != 0;
  figure_engine_attrs(&d->layout, d->engine);
  for (int p = 0; p < d->npanels; p++)
    figure_build_panel(d, &d->panels[p], p, stage_mode);
  d->title_html = figure_title(d, &d->panels[0].s->sel, stage_mode);
  cluster_warning(E, d);
}

const char *cn_figure_dot(cn_eval *E, cn_call *call) {
  cn_figure_opts o;
  cn_figure_parse_options(E, call, &o, 0);
  drawing d;
  prepare(E, call, &o, &d);
  /* the figure as drawn: the panel's nodes and ties, with the title */
  cn_fig out;
  cn_fig_init(&out, E->arena, d.layout.name);
  figure_defaults(&d, &out);
  cn_fig_copy_attrs(&out, &out.graph, &d.layout.graph);
  figure_title_attrs(&d, &out);
  const cn_fig *f = &d.panels[0].fig;
  for (int i = 0; i < f->clusters.n; i++) {
    int k = cn_fig_add_cluster(&out, f->clusters.items[i].name);
    cn_fig_copy_attrs(&out, &out.clusters.items[k].attrs, &f->clusters.items[i].attrs);
  }
  for (int i = 0; i < f->nodes.n; i++) {
    int k = cn_fig_add_node(&out, f->nodes.items[i].name, f->nodes.items[i].cluster);
    cn_fig_copy_attrs(&out, &out.nodes.items[k].attrs, &f->nodes.items[i].attrs);
  }
  for (int i = 0; i < f->edges.n; i++) {
    int k = cn_fig_add_edge(&out, f->edges.items[i].tail, f->edges.items[i].head,
                            f->edges.items[i].key);
    cn_fig_copy_attrs(&out, &out.edges.items[k].attrs, &f->edges.items[i].attrs);
  }
  char why[256];
  char *text = cn_render_dot_text(&out, why, sizeof why);
  if (!text)
    cn_eval_error(E, &call->node->loc, "dot(): %s", why);
  char *s = cn_arena_strdup(E->arena, text);
  free(text);
  return s;
}

/* ---- render(): layout and render in the isolated child ---- */

/* The tag of the child's report that the labels had to shrink (files
 * are tagged from 0). */
enum { FIT_TAG = -1 };

static int draw_job(void *ud, cn_render_sink *sink) {
  drawing *d = ud;
  cn_fig_geom g;
  memset(&g, 0, sizeof g);
  if (figure_lay_out(d, &g) != 0) {
    cn_render_fail(sink, "the %s layout failed", d->engine);
    return -1;
  }
  for (int i = 0; i < d->npaths; i++) {
    cn_fig out;
    if (d->combined)
      figure_compose(d, &g, 0, d->npanels, &out);
    else
      figure_compose(d, &g, i, 1, &out);
    char *data;
    size_t len;
    if (cn_gv_render(&out, "nop2", d->format, &data, &len) != 0) {
      cn_render_fail(sink, "Graphviz could not write %s", d->format);
      free(data);
      return -1;
    }
    if (cn_render_finish(d->format, d->o->width_pt, d->o->dpi, &data, &len) != 0) {
      cn_render_fail(sink, "cairo's %s was not as expected", d->format);
      free(data);
      return -1;
    }
    cn_render_put(sink, i, data, len);
    free(data);
  }
  if (d->shrunk_pt > 0) {
    double fit[2] = {d->shrunk_pt, d->min_width_pt};
    cn_render_put(sink, FIT_TAG, fit, sizeof fit);
  }
  return 0;
}

/* The labels had to shrink below fontsize= to fit the width: say so, with
 * the narrowest width that keeps them (never shrink text silently). */
static void fit_warning(cn_eval *E, const drawing *d, const cn_render_result *r) {
  const cn_figure_opts *o = d->o;
  for (int i = 0; i < r->nitems; i++) {
    double fit[2];
    if (r->items[i].tag != FIT_TAG || r->items[i].len != sizeof fit)
      continue;
    memcpy(fit, r->items[i].data, sizeof fit);
    cn_diag_warning(
        E->diag, o->width_loc ? o->width_loc : o->loc,
        "%d actors do not fit a width of %.1fcm at fontsize=%g: their labels "
        "come out at %.1f pt; the narrowest width for %g pt is %.1fcm "
        "(or lower fontsize=, or draw fewer actors)",
        d->layout.nodes.n, o->width_pt * 2.54 / 72, o->font_pt, fit[0],
        o->font_pt, ceil(fit[1] * 2.54 / 72 * 10) / 10);
  }
}

static void report_messages(cn_eval *E, const cn_loc *loc,
                            const cn_render_result *r) {
  for (int i = 0; i < r->nwarnings; i++) {
    int dup = 0;
    for (int j = 0; j < i; j++)
      dup |= strcmp(r->warnings[i], r->warnings[j]) == 0;
    const char *says = dup ? NULL : figure_graphviz_warning(E->arena, r->warnings[i]);
    if (says)
      cn_diag_warning(E->diag, loc, "%s", says);
  }
}

static void fail_render(cn_eval *E, const cn_loc *loc, cn_render_result *r) {
  report_messages(E, loc, r);
  char *msg;
  if (r->status > 0)
    msg = cn_arena_printf(E->arena, "the renderer crashed (signal %d%s%s)",
                          r->status, r->status == 6 ? ": " : "",
                          r->status == 6 ? "Aborted" : "");
  else if (r->nerrors)
    msg = cn_arena_printf(E->arena, "Graphviz: %s", r->errors[0]);
  else
    msg = cn_arena_strdup(E->arena, r->failure ? r->failure : "the render failed");
  char *hint = NULL;
  if (r->status > 0)
    hint = cn_arena_printf(
        E->arena, "Graphviz failed inside its layout; the session goes on and "
                  "no file was written%s%s",
        r->stderr_text ? ". It said: " : "",
        r->stderr_text ? r->stderr_text : "");
  else if (r->nerrors > 1)
    hint = cn_arena_printf(E->arena, "Graphviz also said: %s", r->errors[1]);
  cn_render_result_free(r);
  cn_eval_fail(E, loc, hint, "%s", msg);
}

/* The files of the figure: one, or one per stage panel ("%s" in to=). */
static void output_paths(cn_eval *E, const cn_figure_opts *o, drawing *d) {
  if (o->per_stage) {
    d->npaths = d->npanels;
    d->paths = cn_arena_alloc(E->arena, sizeof(char *) * (size_t)d->npaths);
    for (int p = 0; p < d->npanels; p++) {
      const char *name = E->c->stages.items[d->panels[p].stage].name->str;
      d->paths[p] = cn_arena_printf(E->arena, "%.*s%s%s",
                                    (int)(o->per_stage - o->to), o->to, name,
                                    o->per_stage + 2);
    }
  } else {
    d->combined = 1;
    d->npaths = 1;
    d->paths = cn_arena_alloc(E->arena, sizeof(char *));
    d->paths[0] = o->to;
  }
}

void cn_figure_render(cn_eval *E, cn_call *call, const cn_figure_opts *o,
                      cn_figure_output *out) {
  drawing d;
  prepare(E, call, o, &d);
  d.format = o->format;
  const char *problem = cn_render_format_problem(o->format);
  if (problem)
    cn_eval_fail(E, o->to_loc, problem, "this Graphviz cannot write %s files",
                 o->format);
  problem = cn_render_layout_problem(d.engine);
  if (problem)
    cn_eval_error(E, o->layout_loc ? o->layout_loc : o->loc, "layout %s: %s",
                  d.engine, problem);
  figure_check_font(&d);
  output_paths(E, o, &d);
  cn_render_result *r = &out->result;
  cn_render_isolated(draw_job, &d, r);
  int nfiles = 0;
  for (int i = 0; i < r->nitems; i++)
    nfiles += r->items[i].tag >= 0;
  if (r->status != 0 || r->nerrors || nfiles != d.npaths)
    fail_render(E, o->loc, r);
  report_messages(E, o->loc, r);
  fit_warning(E, &d, r);
  out->paths = d.paths;
  out->npaths = d.npaths;
}
