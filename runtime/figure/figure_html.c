/* figure_html.c — render(to="case.html"): one offline page to explore a
 * case stage by stage.  The parent computes what the page shows about the
 * case (actors, ties with their evidence, measures, explain() readings,
 * events, key actors and their succession) as one JSON value; the child
 * composes each stage panel exactly as render(to="fig-%s.svg") does, from
 * the same union layout, and wraps the SVGs, the data and the page's own
 * script and style (page/, embedded at build time) into one file.
 *
 * Why Graphviz's SVG and not a drawing by the script: the panels are then
 * the figures themselves — the same positions, shapes, arrows, legend and
 * fonts — and nothing is drawn twice.  Graphviz escapes every text it
 * writes into SVG; the comments it adds (which repeat names) are dropped.
 * Everything else from the case reaches the page only as JSON data in a
 * <script type="application/json"> block, which the script shows with
 * textContent. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "figure.h"
#include "figure_draw.h"
#include "figure_html.h"

static const unsigned char page_css[] = {
#include "page_css.inc"
    0};
static const unsigned char page_js[] = {
#include "page_js.inc"
    0};

/* ---- the data, in the parent ---- */

typedef struct page_builder {
  drawing *d;
  cn_eval *E;
  cn_names *N;
} page_builder;

/* A record under construction: keys and values appended in order. */
typedef struct rec_b {
  cn_value v;
  int n;
} rec_b;

static rec_b rec_start(page_builder *b, int cap) {
  rec_b r = {cn_record_new(b->E->arena, cap), 0};
  r.v.u.rec->n = 0;
  return r;
}

static void rec_put(page_builder *b, rec_b *r, const char *key, cn_value v) {
  r->v.u.rec->keys[r->n] = cn_intern_cstr(b->N, key);
  r->v.u.rec->vals[r->n] = v;
  r->v.u.rec->n = ++r->n;
}

static cn_value text_or_nil(const char *s) { return s ? cn_str(s) : cn_nil(); }

static cn_value span_text(page_builder *b, cn_span sp) {
  cn_value v = {CN_V_SPAN, {0}};
  v.u.span = sp;
  return cn_str(cn_value_text_arena(b->E->arena, &v, -1));
}

/* An attribute's value as text; a list's items joined by ", ". */
static const char *attr_text(page_builder *b, const cn_attr *a) {
  const cn_ast *v = a->value;
  if (v->kind != CN_AST_LIST) {
    cn_attrs one = {1, (cn_attr *)a, a->key.loc};
    return figure_attr_text(b->E, &one, a->key.name->str);
  }
  const char *out = "";
  for (int i = 0; i < v->u.list.n; i++) {
    cn_attr item = {a->key, v->u.list.items[i]};
    const char *t = attr_text(b, &item);
    if (t)
      out = cn_arena_printf(b->E->arena, "%s%s%s", out, *out ? ", " : "", t);
  }
  return out;
}

/* Every attribute of a block as [[key, text]…], leaving out `skip`
 * (keys shown elsewhere). */
static cn_value attrs_value(page_builder *b, const cn_attrs *at,
                            const char *const *skip) {
  int n = at ? at->n : 0;
  cn_value l = cn_list_new(b->E->arena, n);
  int k = 0;
  for (int i = 0; i < n; i++) {
    const char *key = at->items[i].key.name->str;
    int skipped = 0;
    for (int s = 0; skip && skip[s]; s++)
      skipped |= strcmp(skip[s], key) == 0;
    const char *t = skipped ? NULL : attr_text(b, &at->items[i]);
    if (!t)
      continue;
    cn_value pair = cn_list_new(b->E->arena, 2);
    pair.u.list->items[0] = cn_str(key);
    pair.u.list->items[1] = cn_str(t);
    l.u.list->items[k++] = pair;
  }
  l.u.list->n = k;
  return l;
}

static cn_value name_list(page_builder *b, cn_name *const *names, int n) {
  cn_value l = cn_list_new(b->E->arena, n);
  for (int i = 0; i < n; i++)
    l.u.list->items[i] = cn_str(names[i]->str);
  return l;
}

/* The layout node of a snapshot's vertex. */
static int layout_node(page_builder *b, const cn_snapshot *s, int32_t v) {
  return *figure_vkey_slot(&b->d->lnode, s->vertex_actor[v]);
}

/* Call built-in `fn` on snapshot s (and an actor, when given), as
 * figure_highlights calls brokers(). */
static cn_value call_native(page_builder *b, const char *fn, cn_snapshot *s,
                            const cn_value *actor) {
  cn_eval *E = b->E;
  const cn_native *nat = cn_eval_native(E, fn);
  if (!nat)
    return cn_nil();
  cn_call call;
  memset(&call, 0, sizeof call);
  cn_value *pos = cn_arena_alloc(E->arena, sizeof(cn_value) * 2);
  cn_loc *locs = cn_arena_alloc(E->arena, sizeof(cn_loc) * 2);
  pos[0].t = CN_V_NET;
  pos[0].u.net = s;
  if (actor)
    pos[1] = *actor;
  locs[0] = locs[1] = *b->d->o->loc;
  call.node = b->d->o->node;
  call.fn = fn;
  call.native = nat;
  call.npos = actor ? 2 : 1;
  call.pos = pos;
  call.pos_loc = locs;
  call.used = cn_arena_alloc(E->arena, 1);
  return nat->fn(E, &call);
}

/* A table's column `col`, per vertex of s (NaN where missing). */
static double *column(page_builder *b, cn_snapshot *s, const char *fn,
                      const char *col) {
  double *x = cn_arena_alloc(b->E->arena, sizeof(double) * (size_t)(s->n + 1));
  for (int32_t v = 0; v < s->n; v++)
    x[v] = NAN;
  cn_value t = call_native(b, fn, s, NULL);
  for (int64_t i = 0; t.t == CN_V_LIST && i < t.u.list->n; i++) {
    const cn_value *row = &t.u.list->items[i];
    if (row->t != CN_V_RECORD)
      continue;
    const cn_value *who = cn_record_get(row->u.rec, "actor");
    const cn_value *val = cn_record_get(row->u.rec, col);
    int32_t v = who ? cn_snapshot_vertex_of(s, who) : -1;
    if (v >= 0 && val && val->t == CN_V_NUM)
      x[v] = val->u.num;
  }
  return x;
}

/* Gould & Fernandez: the brokerage role each vertex plays most often in
 * s (by count), or nothing when it plays none.  Roles are read by kind:
 * a case without kinds has no roles. */
static const char **main_roles(page_builder *b, cn_snapshot *s) {
  const char **role = cn_arena_alloc(b->E->arena, sizeof(char *) * (size_t)(s->n + 1));
  double *best = cn_arena_alloc(b->E->arena, sizeof(double) * (size_t)(s->n + 1));
  if (b->E->c->kinds.n == 0)
    return role;
  cn_value t = call_native(b, "roles", s, NULL);
  for (int64_t i = 0; t.t == CN_V_LIST && i < t.u.list->n; i++) {
    const cn_value *row = &t.u.list->items[i];
    if (row->t != CN_V_RECORD)
      continue;
    const cn_value *who = cn_record_get(row->u.rec, "actor");
    const cn_value *r = cn_record_get(row->u.rec, "role");
    const cn_value *count = cn_record_get(row->u.rec, "count");
    int32_t v = who ? cn_snapshot_vertex_of(s, who) : -1;
    if (v < 0 || !r || r->t != CN_V_STR || !count || count->t != CN_V_NUM ||
        strcmp(r->u.str, "total") == 0)
      continue;
    if (count->u.num > best[v]) {
      best[v] = count->u.num;
      role[v] = r->u.str;
    }
  }
  return role;
}

/* Each vertex of a stage with its measures there: [node, constraint,
 * effsize, betweenness, role]. */
static cn_value stage_vertices(page_builder *b, cn_snapshot *s) {
  double *con = column(b, s, "constraint", "constraint");
  double *eff = column(b, s, "effsize", "effsize");
  double *btw = column(b, s, "betweenness", "betweenness");
  const char **role = main_roles(b, s);
  cn_value l = cn_list_new(b->E->arena, s->n);
  for (int32_t v = 0; v < s->n; v++) {
    cn_value row = cn_list_new(b->E->arena, 5);
    cn_value *it = row.u.list->items;
    it[0] = cn_num(layout_node(b, s, v));
    it[1] = cn_num(con[v]);
    it[2] = cn_num(eff[v]);
    it[3] = cn_num(btw[v]);
    it[4] = text_or_nil(role[v]);
    l.u.list->items[v] = row;
  }
  return l;
}

/* The ties of a stage, each with its evidence. */
static cn_value stage_ties(page_builder *b, const cn_snapshot *s) {
  static const char *const shown[] = {"source", "weight", NULL};
  const cn_case *c = s->c;
  cn_value l = cn_list_new(b->E->arena, s->nties);
  for (int64_t i = 0; i < s->nties; i++) {
    const cn_tie *t = &c->ties.items[s->ties[i]];
    rec_b r = rec_start(b, 8);
    rec_put(b, &r, "a", cn_num(layout_node(b, s, s->actor_vertex[t->from])));
    rec_put(b, &r, "b", cn_num(layout_node(b, s, s->actor_vertex[t->to])));
    rec_put(b, &r, "dir", cn_str(t->directed ? "->" : "--"));
    rec_put(b, &r, "layer", cn_num(t->layer >= 0 ? t->layer : (double)c->layers.n));
    rec_put(b, &r, "span", t->has_span ? span_text(b, cn_tie_span(t)) : cn_str(""));
    rec_put(b, &r, "weight", cn_num(cn_tie_weight(t)));
    rec_put(b, &r, "sources", name_list(b, cn_tie_sources(t), cn_tie_nsources(t)));
    rec_put(b, &r, "notes", attrs_value(b, cn_tie_attrs(t), shown));
    l.u.list->items[i] = r.v;
  }
  return l;
}

/* The stage's brokers (lowest constraint first: the first is its key
 * actor), each with explain()'s reading (a collapsed group's too). */
static cn_value stage_brokers(page_builder *b, cn_snapshot *s) {
  cn_value t = call_native(b, "brokers", s, NULL);
  int64_t n = t.t == CN_V_LIST ? t.u.list->n : 0;
  cn_value l = cn_list_new(b->E->arena, n);
  int k = 0;
  for (int64_t i = 0; i < n; i++) {
    const cn_value *row = &t.u.list->items[i];
    const cn_value *who = row->t == CN_V_RECORD ? cn_record_get(row->u.rec, "actor") : NULL;
    int32_t v = who ? cn_snapshot_vertex_of(s, who) : -1;
    if (v < 0)
      continue;
    rec_b r = rec_start(b, 3);
    rec_put(b, &r, "node", cn_num(layout_node(b, s, v)));
    rec_put(b, &r, "row", *row);
    rec_put(b, &r, "explain", call_native(b, "explain", s, who));
    l.u.list->items[k++] = r.v;
  }
  l.u.list->n = k;
  return l;
}

/* The case's events of a stage: those it names, or else those in its
 * span. */
static cn_value stage_events(page_builder *b, const cn_snapshot *s,
                             int stage) {
  const cn_case *c = s->c;
  static const char *const shown[] = {"stage", NULL};
  cn_value l = cn_list_new(b->E->arena, (int64_t)c->events.n);
  int k = 0;
  for (size_t i = 0; i < c->events.n; i++) {
    const cn_event *ev = &c->events.items[i];
    int in = stage < 0 ||
             (ev->stage >= 0 ? ev->stage == stage
                             : cn_span_overlaps(ev->span, c->stages.items[stage].span));
    if (!in)
      continue;
    rec_b r = rec_start(b, 3);
    rec_put(b, &r, "when", span_text(b, ev->span));
    rec_put(b, &r, "text", cn_str(ev->text->str));
    rec_put(b, &r, "notes", attrs_value(b, ev->attrs, shown));
    l.u.list->items[k++] = r.v;
  }
  l.u.list->n = k;
  return l;
}

static cn_value stage_value(page_builder *b, const panel *p) {
  const cn_case *c = b->E->c;
  rec_b r = rec_start(b, 8);
  if (p->stage >= 0) {
    const cn_stage *st = &c->stages.items[p->stage];
    rec_put(b, &r, "name", cn_str(st->name->str));
    rec_put(b, &r, "label", cn_str(st->label ? st->label->str : st->name->str));
    /* as the panel's caption writes it, not as a script would */
    rec_put(b, &r, "span", cn_str(figure_span_text(b->E->arena, st->span)));
    const char *move = cn_stage_move(b->E->arena, st);
    rec_put(b, &r, "move", cn_str(move ? move : ""));
  } else {
    char desc[256];
    cn_selection_describe(c, &p->s->sel, desc, sizeof desc);
    rec_put(b, &r, "name", cn_str(cn_arena_strdup(b->E->arena, desc)));
    rec_put(b, &r, "label", cn_str(cn_arena_strdup(b->E->arena, desc)));
    rec_put(b, &r, "span", cn_str(""));
    rec_put(b, &r, "move", cn_str(""));
  }
  rec_put(b, &r, "vertices", stage_vertices(b, p->s));
  rec_put(b, &r, "ties", stage_ties(b, p->s));
  rec_put(b, &r, "brokers", stage_brokers(b, p->s));
  rec_put(b, &r, "events", stage_events(b, p->s, p->stage));
  return r.v;
}

/* Every node of the layout: an actor or a collapsed group. */
static cn_value vertex_value(page_builder *b, int node) {
  const cn_case *c = b->E->c;
  int32_t key = b->d->lkeys[node];
  static const char *const shown[] = {"label", NULL};
  rec_b r = rec_start(b, 8);
  rec_put(b, &r, "id", cn_str(figure_vertex_id(b->d, key, "")));
  if (key >= 0) {
    const cn_actor *a = &c->actors.items[key];
    const char *label = figure_attr_text(b->E, a->attrs, "label");
    rec_put(b, &r, "name", cn_str(a->name->str));
    rec_put(b, &r, "label", text_or_nil(label));
    rec_put(b, &r, "kind", a->kind >= 0 ? cn_str(c->kinds.items[a->kind].name->str)
                                        : cn_nil());
    rec_put(b, &r, "span", a->has_span ? span_text(b, a->span) : cn_str(""));
    rec_put(b, &r, "attrs", attrs_value(b, a->attrs, shown));
  } else {
    const cn_group *g = &c->groups.items[-1 - key];
    cn_value members = cn_list_new(b->E->arena, g->nmembers);
    for (int m = 0; m < g->nmembers; m++)
      members.u.list->items[m] = cn_str(c->actors.items[g->members[m]].name->str);
    rec_put(b, &r, "name", cn_str(g->name->str));
    rec_put(b, &r, "label", g->label ? cn_str(g->label->str) : cn_nil());
    rec_put(b, &r, "kind", cn_nil());
    rec_put(b, &r, "span", cn_str(""));
    rec_put(b, &r, "members", members);
    rec_put(b, &r, "attrs", attrs_value(b, g->attrs, shown));
  }
  return r.v;
}

static cn_value layers_value(page_builder *b) {
  const cn_case *c = b->E->c;
  const styles *st = &b->d->st;
  cn_value l = cn_list_new(b->E->arena, (int64_t)c->layers.n + 1);
  for (size_t i = 0; i <= c->layers.n; i++) {
    rec_b r = rec_start(b, 4);
    rec_put(b, &r, "name", cn_str(i < c->layers.n ? c->layers.items[i].name->str
                                                  : st->llabel[i]));
    rec_put(b, &r, "label", cn_str(st->llabel[i]));
    rec_put(b, &r, "color", text_or_nil(st->lcolor[i]));
    rec_put(b, &r, "used", cn_bool(b->d->layer_used[i]));
    l.u.list->items[i] = r.v;
  }
  return l;
}

/* A function of the prelude (succession) called without
 * arguments, bound on first use as a script's call would. */
static cn_value call_prelude(page_builder *b, const char *fn) {
  cn_eval *E = b->E;
  cn_name *name = cn_intern_cstr(b->N, fn);
  for (int pass = 0; pass < 2; pass++) {
    for (size_t i = 0; i < E->gnames.n; i++)
      if (E->gnames.items[i] == name && E->gvalues.items[i].t == CN_V_FUNC)
        return cn_eval_call_value(E, b->d->o->loc, &E->gvalues.items[i], 0, NULL);
    if (pass == 0 && !(E->on_unknown && E->on_unknown(E, name)))
      break;
  }
  return cn_nil();
}

static int any_evidence(const cn_case *c) {
  for (size_t i = 0; i < c->ties.n; i++)
    if (cn_tie_nsources(&c->ties.items[i]))
      return 1;
  return 0;
}

const char *figure_page_data(drawing *d) {
  cn_eval *E = d->E;
  page_builder b = {d, E, &E->c->names};
  const cn_case *c = E->c;
  int stage_mode = d->o->nstages > 0;
  rec_b r = rec_start(&b, 10);
  rec_put(&b, &r, "title", cn_str(c->title ? c->title->str : "cnet"));
  cn_value nodes = cn_list_new(E->arena, d->layout.nodes.n);
  for (int i = 0; i < d->layout.nodes.n; i++)
    nodes.u.list->items[i] = vertex_value(&b, i);
  rec_put(&b, &r, "vertices", nodes);
  rec_put(&b, &r, "layers", layers_value(&b));
  cn_value stages = cn_list_new(E->arena, d->npanels);
  for (int p = 0; p < d->npanels; p++)
    stages.u.list->items[p] = stage_value(&b, &d->panels[p]);
  rec_put(&b, &r, "stages", stages);
  rec_put(&b, &r, "evidence", cn_bool(any_evidence(c)));
  /* the key actors' succession over the case's stages (each stage's key
   * actor is the first of its brokers, as keyactors() has it) */
  rec_put(&b, &r, "succession",
          stage_mode && c->stages.n > 1 ? call_prelude(&b, "succession") : cn_nil());
  char *json = NULL;
  size_t len = 0;
  FILE *m = open_memstream(&json, &len);
  if (!m)
    cn_eval_error(E, d->o->loc, "out of memory");
  cn_value_print(m, &r.v, CN_FMT_JSON);
  fclose(m);
  char *safe = cn_esc_string(cn_esc_script_json, json);
  free(json);
  const char *out = cn_arena_strdup(E->arena, safe ? safe : "null");
  free(safe);
  return out;
}

/* ---- the page, in the renderer's child ---- */

/* The first `what` in [p, end), or NULL (Graphviz's bytes are not
 * NUL-terminated). */
static const char *find(const char *p, const char *end, const char *what) {
  size_t n = strlen(what);
  for (; p && p + n <= end; p++)
    if (memcmp(p, what, n) == 0)
      return p;
  return NULL;
}

/* Graphviz's SVG without its prologue (XML declaration, doctype) and
 * comments, which repeat the names: what may stand inside HTML. */
static void put_svg(FILE *f, const char *svg, size_t len) {
  const char *end = svg + len;
  const char *p = find(svg, end, "<svg");
  while (p) {
    const char *c = find(p, end, "<!--");
    if (!c) {
      fwrite(p, 1, (size_t)(end - p), f);
      return;
    }
    fwrite(p, 1, (size_t)(c - p), f);
    const char *close = find(c + 4, end, "-->");
    p = close ? close + 3 : NULL;
  }
}

int figure_page(drawing *d, const cn_fig_geom *g, char **data, size_t *len,
                char *why, size_t nwhy) {
  *data = NULL;
  *len = 0;
  FILE *f = open_memstream(data, len);
  if (!f) {
    snprintf(why, nwhy, "out of memory");
    return -1;
  }
  fputs("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
        /* nothing may be fetched: the page is whole in itself */
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
        "'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
        "img-src data: blob:\">\n"
        "<meta name=\"viewport\" content=\"width=device-width\">\n<title>",
        f);
  cn_esc_xml(f, d->layout.name);
  fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n"
             "<div id=\"panels\" hidden>\n", (const char *)page_css);
  for (int p = 0; p < d->npanels; p++) {
    cn_fig out;
    figure_compose(d, g, p, 1, &out);
    char *svg;
    size_t n;
    if (cn_gv_render(&out, "nop2", "svg", &svg, &n) != 0) {
      free(svg);
      fclose(f);
      free(*data);
      *data = NULL;
      snprintf(why, nwhy, "Graphviz could not draw the panel of the page");
      return -1;
    }
    fprintf(f, "<div class=\"panel\" data-panel=\"%d\">\n", p);
    put_svg(f, svg, n);
    fputs("</div>\n", f);
    free(svg);
  }
  fputs("</div>\n<script type=\"application/json\" id=\"cnet-data\">", f);
  fputs(d->page_data, f);
  fprintf(f, "</script>\n<script>\n%s</script>\n</body>\n</html>\n",
          (const char *)page_js);
  fclose(f);
  return 0;
}

/* The page of a case with stages shows every stage unless the call
 * chose its network (stage=, at=, span=, stages=). */
void cn_figure_page_stages(cn_eval *E, cn_call *call, cn_figure_opts *o) {
  const cn_case *c = E->c;
  if (o->nstages || c->stages.n == 0)
    return;
  for (int i = 0; i < call->nnamed; i++)
    if (strcmp(call->names[i]->str, "stage") == 0 ||
        strcmp(call->names[i]->str, "at") == 0 ||
        strcmp(call->names[i]->str, "span") == 0)
      return;
  o->nstages = (int)c->stages.n;
  o->stages = cn_arena_alloc(E->arena, sizeof(int32_t) * (c->stages.n + 1));
  for (size_t i = 0; i < c->stages.n; i++)
    o->stages[i] = (int32_t)i;
}
