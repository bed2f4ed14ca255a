/* figure.c — a figure from a dot() or render() call: its drawing (styles,
 * the union layout, the panels, the title), the DOT text of dot(), and the
 * layout and render of render() in the isolated child. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "figure.h"
#include "figure_draw.h"
#include "figure_html.h"

/* Call a copy of `call` with key=value added (stage=S, so that the
 * stage's own default selection arguments apply, or layer=L) and return
 * its snapshot.  Each panel reads
 * the arguments as the call gave them: the flags of those a panel takes
 * go to `taken`, never back into the call, or the next panel would see
 * them as already read and drop them. */
static cn_snapshot *panel_snapshot(cn_eval *E, cn_call *call, const char *key,
                                   cn_value value, unsigned char *taken) {
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
  names[n] = cn_intern_cstr(&E->c->names, key);
  named[n] = value;
  locs[n] = call->node->loc;
  used[n] = 0;
  c2.names = names;
  c2.named = named;
  c2.named_loc = locs;
  c2.used = used;
  c2.nnamed = n + 1;
  cn_snapshot *s = cn_snapshot_of_call(E, &c2);
  for (int i = 0; i < n; i++)
    taken[i] |= used[i];
  return s;
}

/* The arguments a panel argument replaces: stages= draws one panel per
 * stage (no stage=, at=, span=), layers= one per layer (no layer=). */
static void refuse_with_panels(cn_eval *E, cn_call *call, const char *panels,
                               const char *const *args, const char *hint) {
  for (int i = 0; i < call->nnamed; i++)
    for (int k = 0; args[k]; k++)
      if (!call->used[i] && strcmp(call->names[i]->str, args[k]) == 0)
        cn_eval_fail(E, &call->named_loc[i],
                     hint,
                     "'%s' cannot be combined with %s=", args[k], panels);
}

/* One panel per stage (key "stage") or layer ("layer") of ids, each
 * with its caption.  A network given as the first argument is taken by
 * each panel's snapshot, and then by none of the later checks.  With
 * skip_empty (layers=all), a panel without ties is left out, and the
 * captions are lettered without it. */
static void each_panel(cn_eval *E, cn_call *call, drawing *d, const char *key,
                       const int32_t *ids, int n, int skip_empty) {
  const cn_case *c = E->c;
  int is_stage = strcmp(key, "stage") == 0;
  cn_value first = call->npos > 0 ? call->pos[0] : cn_nil();
  unsigned char *taken = cn_arena_alloc(E->arena, (size_t)call->nnamed + 1);
  d->npanels = 0;
  for (int p = 0; p < n; p++) {
    cn_call c2 = *call;
    if (first.t == CN_V_NET) {
      c2.pos = cn_arena_alloc(E->arena, sizeof(cn_value) * (size_t)call->npos);
      memcpy(c2.pos, call->pos, sizeof(cn_value) * (size_t)call->npos);
    }
    const cn_stage *st = is_stage ? &c->stages.items[ids[p]] : NULL;
    const cn_layer *ly = is_stage ? NULL : &c->layers.items[ids[p]];
    panel *pn = &d->panels[d->npanels];
    pn->s = panel_snapshot(E, &c2, key,
                           st ? cn_named(CN_V_STAGE, st->name)
                              : cn_named(CN_V_LAYER, ly->name),
                           taken);
    if (skip_empty && pn->s->nties == 0)
      continue;
    pn->stage = pn->s->sel.stage;
    pn->tag = st ? st->name->str : ly->name->str;
    pn->caption = st ? figure_stage_caption(E->arena, st, d->npanels, 0)
                     : figure_layer_caption(E->arena, ly, d->npanels);
    pn->caption_line = st ? figure_stage_caption(E->arena, st, d->npanels, 1)
                          : pn->caption;
    pn->caption_line_w =
        st ? figure_stage_caption_width(E->arena, st, d->npanels)
           : figure_layer_caption_width(E->arena, ly, d->npanels);
    d->npanels++;
  }
  for (int i = 0; i < call->nnamed; i++)
    call->used[i] |= taken[i];
  if (first.t == CN_V_NET) {
    call->pos++;
    call->pos_loc++;
    call->npos--;
  }
}

/* stages=: one panel per stage, captioned with its label, span and
 * states. */
static void stage_panels(cn_eval *E, cn_call *call, drawing *d) {
  static const char *const replaced[] = {"stage", "at", "span", NULL};
  refuse_with_panels(E, call, "stages", replaced,
                     "stages= draws one panel per stage: leave out stage=, at= "
                     "and span=");
  each_panel(E, call, d, "stage", d->o->stages, d->o->nstages, 0);
}

/* layers=: one panel per layer, captioned with its label. */
static void layer_panels(cn_eval *E, cn_call *call, drawing *d) {
  const cn_figure_opts *o = d->o;
  static const char *const replaced[] = {"layer", NULL};
  refuse_with_panels(E, call, "layers", replaced,
                     "layers= draws one panel per layer: leave out layer=");
  each_panel(E, call, d, "layer", o->layer_panels, o->nlayer_panels,
             o->layers_all);
  if (!d->npanels)
    cn_eval_fail(E, o->layers_loc, "check the selection: ties(…) lists what it holds",
                 "layers=all: no layer has a tie in the selection");
}

/* Settings of a figure in Graphviz's words, which a user may pass to
 * dot()/render() as if they were options. */
static const char *const figure_settings[] = {
    "size",    "ratio",    "width",   "height",  "fontsize", "fontname",
    "bgcolor", "rankdir",  "margin",  "pad",     "label",    "color",
    "shape",   "style",    "penwidth", "splines", "overlap", "nodesep",
    "ranksep", "scale",    "page",    "rotate",  "theme",    NULL};

/* A named argument that is no option of dot()/render() reads as an
 * actor-attribute filter when some actor has that attribute: render(…,
 * size="5.5,4") in a case where 彩陶师傅 has size = "近五千人".  When the
 * name is a figure setting and no actor passes the filter, it was surely
 * meant as an option: say both. */
static void option_or_filter(cn_eval *E, cn_call *call) {
  for (int i = 0; i < call->nnamed; i++) {
    const char *key = call->names[i]->str;
    if (call->used[i] || !cn_actor_attr_exists(E->c, key))
      continue;
    int setting = 0;
    for (int k = 0; figure_settings[k]; k++)
      setting |= strcmp(figure_settings[k], key) == 0;
    cn_attr_filter f = {call->names[i], call->named[i]};
    const char *values = setting ? cn_attr_filter_misses(E, &f) : NULL;
    if (!values)
      continue;
    char want[128], sig[1024];
    cn_value_text(&f.value, want, sizeof want, -1);
    cn_native_signature(call->native, sig, sizeof sig);
    cn_eval_fail(E, &call->named_loc[i],
                 cn_arena_printf(E->arena, "%s%sthe options are those of %s%s",
                                 values, *values ? "; " : "", call->fn, sig),
                 "%s= is no option of %s(): here it is the actors' "
                 "attribute %s, and no actor has %s = %s",
                 key, call->fn, key, key, want);
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
  d->w = figure_words(E, o);
  d->st.klabel[E->c->kinds.n] = d->w->actor;
  d->st.llabel[E->c->layers.n] = d->w->tie;
  const cn_case *c = E->c;
  d->layer_used = cn_arena_alloc(E->arena, c->layers.n + 1);
  d->kind_used = cn_arena_alloc(E->arena, c->kinds.n + 1);
  figure_vkey_init(E, &d->lnode);
  figure_lines_init(E->arena, &d->llines);
  int stage_mode = o->nstages > 0 || o->nlayer_panels > 0; /* panels */
  if (call->native)
    option_or_filter(E, call);
  d->npanels = o->nstages ? o->nstages : o->nlayer_panels ? o->nlayer_panels : 1;
  d->panels = cn_arena_alloc(E->arena, sizeof(panel) * (size_t)d->npanels);
  cn_fig_init(&d->layout, E->arena, c->title ? c->title->str : "cnet");
  figure_defaults(d, &d->layout);
  if (o->nstages) {
    stage_panels(E, call, d);
  } else if (o->nlayer_panels) {
    layer_panels(E, call, d);
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
  figure_layout_edges(d);
  figure_layout_keys(d);
  if (d->layout.nodes.n == 0)
    cn_eval_fail(E, o->loc, "check the selection: ties(…) lists what it holds",
                 "nothing to draw: the selection has no actors");
  d->engine = figure_default_engine(d, d->layout.nodes.n);
  d->own_splines = strcmp(d->engine, "dot") != 0;
  figure_engine_attrs(&d->layout, d->engine);
  for (int p = 0; p < d->npanels; p++)
    figure_build_panel(d, &d->panels[p], p, stage_mode);
  figure_encode(d);
  if (o->nlayer_panels) { /* titled with what the panels share */
    cn_selection shared = d->panels[0].s->sel;
    shared.nlayers = 0;
    d->title_html = figure_title(d, &shared, 0);
  } else {
    d->title_html = figure_title(d, &d->panels[0].s->sel, stage_mode);
  }
  cluster_warning(E, d);
}

/* DOT text says at its top how to draw it again: the Graphviz command
 * line (a comment).  The file names are the user's, quoted for a shell
 * when they need it. */
static const char *shell_word(cn_arena *A, const char *s) {
  int plain = *s != '\0';
  for (const char *p = s; *p && plain; p++) /* UTF-8 letters are plain too */
    plain = (unsigned char)*p >= 0x80 || strchr("abcdefghijklmnopqrstuvwxyz"
                                                "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                "0123456789-_./+,%@", *p);
  if (plain)
    return s;
  size_t n = 2;
  for (const char *p = s; *p; p++)
    n += *p == '\'' ? 4 : 1;
  char *q = cn_arena_alloc(A, n + 1), *w = q;
  *w++ = '\'';
  for (const char *p = s; *p; p++) {
    if (*p == '\'') {
      memcpy(w, "'\\''", 4);
      w += 4;
    } else {
      *w++ = *p;
    }
  }
  *w++ = '\'';
  *w = '\0';
  return q;
}

static const char *redraw_comment(cn_arena *A, const char *engine,
                                  const char *dot_path) {
  for (const char *p = dot_path; *p; p++)
    if ((unsigned char)*p < 0x20) /* a line break would end the comment */
      dot_path = "figure.dot";
  const char *slash = strrchr(dot_path, '/');
  const char *dot = strrchr(dot_path, '.');
  int stem = dot && (!slash || dot > slash) ? (int)(dot - dot_path)
                                            : (int)strlen(dot_path);
  const char *svg = cn_arena_printf(A, "%.*s.svg", stem, dot_path);
  return cn_arena_printf(A, "// draw with: %s -Tsvg %s -o %s\n", engine,
                         shell_word(A, dot_path), shell_word(A, svg));
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
  /* plain `dot -Tsvg` draws it with the engine render() lays it out with */
  cn_fig_set(&out, &out.graph, "layout", d.engine);
  cn_fig_set(&out, &out.graph, "bgcolor", "white");
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
  char *s = cn_arena_printf(
      E->arena, "%s// (the graph's layout=%s picks the engine)\n%s",
      redraw_comment(E->arena, "dot", "figure.dot"), d.engine, text);
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
  if (d->page_data) { /* the page: every panel from this one layout */
    char *page, why[128];
    size_t plen;
    if (figure_page(d, &g, &page, &plen, why, sizeof why) != 0) {
      cn_render_fail(sink, "%s", why);
      return -1;
    }
    cn_render_put(sink, 0, page, plen);
    free(page);
    return 0;
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
    if (strcmp(d->format, "dot") == 0) {
      /* every position is fixed: neato -n2 draws it as it stands */
      const char *c = redraw_comment(d->layout.arena, "neato -n2", d->paths[i]);
      size_t clen = strlen(c);
      char *both = malloc(clen + len);
      if (!both) {
        free(data);
        cn_render_fail(sink, "out of memory");
        return -1;
      }
      memcpy(both, c, clen);
      memcpy(both + clen, data, len);
      free(data);
      data = both;
      len += clen;
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
  int page = strcmp(o->format, "html") == 0;
  /* a page holds the panels as SVG */
  const char *problem = cn_render_format_problem(page ? "svg" : o->format);
  if (problem)
    cn_eval_fail(E, o->to_loc, problem, "this Graphviz cannot write %s files",
                 o->format);
  problem = cn_render_layout_problem(d.engine);
  if (problem)
    cn_eval_error(E, o->layout_loc ? o->layout_loc : o->loc, "layout %s: %s",
                  d.engine, problem);
  figure_check_font(&d);
  output_paths(E, o, &d);
  if (page) { /* each panel alone, as with one file per stage */
    d.combined = 0;
    d.page_data = figure_page_data(&d);
  }
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
