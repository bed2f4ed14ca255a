/* figure_options.c — the options of dot() and render(): one table, from
 * which the call is read and its unknown arguments are caught. */
#include "figure_options.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_FONT "Noto Sans CJK SC"

/* An option's value once converted to its kind. */
typedef union option_arg {
  const char *text;
  int flag;
  double number;
  const cn_value *value;
} option_arg;

/* The kind of value an option takes: text, true/false and numbers are
 * converted before the option's own check sees them; the rest (words,
 * names, lists) reach it as written. */
typedef enum { FO_TEXT, FO_BOOL, FO_NUMBER, FO_VALUE } option_kind;

typedef struct option {
  const char *name;
  option_kind kind;
  int render_only;    /* dot() does not take it */
  int record_default; /* not given: the default of the function's record */
  /* checks the converted value and sets it in the options */
  void (*set)(cn_eval *E, cn_figure_opts *o, option_arg a, const cn_loc *l);
} option;

static const char *const engines[] = {"dot", "neato", "fdp", "sfdp", "circo",
                                      NULL};

static int is_word(const cn_value *v, const char *w) {
  if (v->t == CN_V_STR)
    return strcmp(v->u.str, w) == 0;
  if (v->t >= CN_V_ACTOR && v->t <= CN_V_SYMBOL)
    return strcmp(v->u.name->str, w) == 0;
  return 0;
}

/* The items of a value that is one item or a list of them. */
static int items_count(const cn_value *v) {
  return v->t == CN_V_LIST ? (int)v->u.list->n : 1;
}
static const cn_value *item(const cn_value *v, int i) {
  return v->t == CN_V_LIST ? &v->u.list->items[i] : v;
}

static void set_to(cn_eval *E, cn_figure_opts *o, option_arg a,
                   const cn_loc *l) {
  (void)E;
  o->to = a.text;
  o->to_loc = l;
}

static void set_layout(cn_eval *E, cn_figure_opts *o, option_arg a,
                       const cn_loc *l) {
  o->layout = a.text;
  o->layout_loc = l;
  int ok = 0;
  for (int i = 0; engines[i]; i++)
    ok |= strcmp(engines[i], o->layout) == 0;
  if (!ok)
    cn_eval_fail(E, l, "layouts: dot, neato, fdp, sfdp, circo",
                 "unknown layout '%s'", o->layout);
}

static void set_highlight(cn_eval *E, cn_figure_opts *o, option_arg a,
                          const cn_loc *l) {
  const cn_value *v = a.value;
  o->hl_loc = l;
  if (is_word(v, "brokers"))
    o->hl_brokers = 1;
  else if (v->t == CN_V_LIST || v->t == CN_V_ACTOR || v->t == CN_V_GROUP ||
           v->t == CN_V_STR)
    o->hl_list = v;
  else
    cn_eval_fail(E, l, "write highlight=brokers or highlight=[A, B]",
                 "highlight takes brokers or a list of actors, not %s",
                 cn_type_name(v->t));
}

static void set_cluster(cn_eval *E, cn_figure_opts *o, option_arg a,
                        const cn_loc *l) {
  const cn_value *v = a.value;
  int is_group = v->t == CN_V_GROUP ||
                 (v->t == CN_V_LIST && v->u.list->n > 0 &&
                  v->u.list->items[0].t == CN_V_GROUP);
  if (is_group) {
    int n = items_count(v);
    o->cluster = CL_GROUPS;
    o->cluster_groups = cn_arena_alloc(E->arena, sizeof(int32_t) * (size_t)(n + 1));
    for (int i = 0; i < n; i++)
      o->cluster_groups[i] = cn_value_entity(E, item(v, i), l, CN_NS_GROUP);
    o->ncluster_groups = n;
    return;
  }
  const char *key = cn_arg_string(E, v, l);
  o->cluster = CL_ATTR;
  o->cluster_key = cn_intern_cstr(&E->c->names, key);
  int found = strcmp(key, "kind") == 0;
  for (size_t i = 0; i < E->c->actors.n && !found; i++)
    found = cn_attrs_get(E->c->actors.items[i].attrs, key) != NULL;
  if (!found)
    cn_eval_fail(E, l, "cluster= takes an actor attribute (place, level …) "
                       "or a group",
                 "no actor has an attribute '%s'", key);
}

/* labels=true|false, or labels=[A, B]: only those actors labelled. */
static void set_labels(cn_eval *E, cn_figure_opts *o, option_arg a,
                       const cn_loc *l) {
  const cn_value *v = a.value;
  if (v->t == CN_V_BOOL) {
    o->labels = cn_arg_bool(E, v, l);
    return;
  }
  if (v->t != CN_V_LIST && v->t != CN_V_ACTOR && v->t != CN_V_STR)
    cn_eval_fail(E, l, "write labels=false, or labels=[A, B] to label only A and B",
                 "labels takes true, false or a list of actors, not %s",
                 cn_type_name(v->t));
  int n = items_count(v);
  o->label_actors = cn_arena_alloc(E->arena, sizeof(int32_t) * (size_t)(n + 1));
  for (int i = 0; i < n; i++)
    o->label_actors[i] = cn_value_entity(E, item(v, i), l, CN_NS_ACTOR);
  o->nlabel_actors = n;
}

/* The measures node_size= takes, computed by the built-in of that name on
 * each panel's network. */
static const char *const size_measures[] = {"constraint", "betweenness",
                                            "degree", "effsize", NULL};
#define SIZE_HINT                                                          \
  "node_size= takes constraint, betweenness, degree, effsize or a "        \
  "numeric actor attribute"

/* node_size=MEASURE or a numeric actor attribute: every actor that has
 * the attribute must have a number. */
static void set_node_size(cn_eval *E, cn_figure_opts *o, option_arg a,
                          const cn_loc *l) {
  const char *key = cn_arg_string(E, a.value, l);
  o->size_by = key;
  o->size_loc = l;
  for (int i = 0; size_measures[i]; i++)
    if (strcmp(size_measures[i], key) == 0) {
      o->size_measure = 1;
      return;
    }
  const cn_case *c = E->c;
  int found = 0;
  for (size_t i = 0; i < c->actors.n; i++) {
    const cn_attr *at = cn_attrs_get(c->actors.items[i].attrs, key);
    if (!at)
      continue;
    found = 1;
    const cn_ast *x = at->value;
    int number = x->kind == CN_AST_NUM ||
                 (x->kind == CN_AST_UNOP && x->u.binop.lhs &&
                  x->u.binop.lhs->kind == CN_AST_NUM);
    if (!number)
      cn_eval_fail(E, l, SIZE_HINT,
                   "node_size=%s: the attribute is not a number (%s has %s = "
                   "%s)",
                   key, c->actors.items[i].name->str, key,
                   cn_ast_literal_kind(x));
  }
  if (!found)
    cn_eval_fail(E, l, SIZE_HINT,
                 "node_size=%s: no such measure, and no actor has an "
                 "attribute '%s'",
                 key, key);
}

static void set_tie_width(cn_eval *E, cn_figure_opts *o, option_arg a,
                          const cn_loc *l) {
  if (!is_word(a.value, "weight"))
    cn_eval_fail(E, l, "write tie_width=weight (line width by summed weight)",
                 "tie_width takes weight");
  o->width_by_weight = 1;
}

static void set_focus(cn_eval *E, cn_figure_opts *o, option_arg a,
                      const cn_loc *l) {
  const cn_value *v = a.value;
  const cn_name *n = v->t >= CN_V_ACTOR && v->t <= CN_V_SYMBOL ? v->u.name
                     : v->t == CN_V_STR
                         ? cn_intern_find(&E->c->names, v->u.str, strlen(v->u.str))
                         : NULL;
  if (n && n->slot[CN_NS_GROUP] >= 0 &&
      (v->t == CN_V_GROUP || n->slot[CN_NS_ACTOR] < 0))
    o->focus_group = n->slot[CN_NS_GROUP]; /* a collapsed group, as an actor */
  else
    o->focus = cn_value_entity(E, v, l, CN_NS_ACTOR);
  o->focus_loc = l;
}

static void set_changes(cn_eval *E, cn_figure_opts *o, option_arg a,
                        const cn_loc *l) {
  (void)E, (void)l;
  o->changes = a.flag;
}

static void set_title(cn_eval *E, cn_figure_opts *o, option_arg a,
                      const cn_loc *l) {
  (void)E, (void)l;
  o->title = a.text;
}

static void set_font(cn_eval *E, cn_figure_opts *o, option_arg a,
                     const cn_loc *l) {
  o->font = a.text;
  if (!*o->font)
    cn_eval_error(E, l, "font= needs a font family name");
}

static void set_lang(cn_eval *E, cn_figure_opts *o, option_arg a,
                     const cn_loc *l) {
  o->lang = a.text;
  if (strcmp(o->lang, "zh") != 0 && strcmp(o->lang, "en") != 0)
    cn_eval_fail(E, l, "write lang=\"zh\" (中文) or lang=\"en\" (English)",
                 "figures are written in zh or en, not '%s'", o->lang);
}

/* stages=/layers=: `all` (the case's n declared, in order) or a list of
 * entities of namespace ns; *n set, at least one. */
static int32_t *all_or_listed(cn_eval *E, const cn_value *v, const cn_loc *l,
                              enum cn_ns ns, size_t declared, const char *what,
                              int *n) {
  int all = is_word(v, "all");
  *n = all ? (int)declared : items_count(v);
  int32_t *ids = cn_arena_alloc(E->arena, sizeof(int32_t) * (size_t)(*n + 1));
  for (int i = 0; i < *n; i++)
    ids[i] = all ? (int32_t)i : cn_value_entity(E, item(v, i), l, ns);
  if (!*n)
    cn_eval_error(E, l, all ? "%ss=all, but the case declares no %s"
                            : "%ss= needs at least one %s",
                  what, what);
  return ids;
}

static void set_stages(cn_eval *E, cn_figure_opts *o, option_arg a,
                       const cn_loc *l) {
  o->stages = all_or_listed(E, a.value, l, CN_NS_STAGE, E->c->stages.n, "stage",
                            &o->nstages);
}

/* layers=all or layers=[L…]: one panel per layer, every actor in the same
 * place; not with stages= (one or the other: the figure has one row of
 * panels). */
static void set_layers(cn_eval *E, cn_figure_opts *o, option_arg a,
                       const cn_loc *l) {
  o->layers_loc = l;
  if (o->nstages)
    cn_eval_fail(E, l,
                 "draw the layers of one stage with render(stage=S, layers=all, …)",
                 "layers= and stages= cannot be combined: a figure has "
                 "panels of stages or of layers");
  o->layers_all = is_word(a.value, "all");
  o->layer_panels = all_or_listed(E, a.value, l, CN_NS_LAYER, E->c->layers.n,
                                  "layer", &o->nlayer_panels);
}

static void set_absent(cn_eval *E, cn_figure_opts *o, option_arg a,
                       const cn_loc *l) {
  const cn_value *v = a.value;
  if (is_word(v, "grey") || is_word(v, "gray"))
    o->absent = ABSENT_GREY;
  else if (is_word(v, "ties"))
    o->absent = ABSENT_TIES;
  else if (is_word(v, "hide"))
    o->absent = ABSENT_HIDE;
  else
    cn_eval_fail(E, l,
                 "write absent=grey (the default: faint actors), "
                 "absent=ties (their ties greyed too) or absent=hide",
                 "absent takes grey, ties or hide");
}

static void set_legend(cn_eval *E, cn_figure_opts *o, option_arg a,
                       const cn_loc *l) {
  (void)E, (void)l;
  o->legend = a.flag;
}

static void set_dpi(cn_eval *E, cn_figure_opts *o, option_arg a,
                    const cn_loc *l) {
  o->dpi = a.number;
  if (!(o->dpi >= 36 && o->dpi <= 1200))
    cn_eval_error(E, l, "dpi is between 36 and 1200, not %g", o->dpi);
}

/* A length as written for width=: a number and its unit, in points. */
typedef struct unit {
  const char *name;
  double points; /* in one unit */
} unit;
static const unit units[] = {
    {"cm", 72 / 2.54}, {"mm", 72 / 25.4}, {"in", 72}, {"pt", 1}};
enum { NUNITS = sizeof units / sizeof *units };

/* width="auto": a journal's column (社会学研究's is 14 cm), or as wide as
 * the labels need. */
#define AUTO_WIDTH "14cm"

/* The widths a figure may have: from a narrow margin figure to a poster. */
#define WIDTH_MIN_PT 72.0
#define WIDTH_MAX_PT 5000.0

static void set_width(cn_eval *E, cn_figure_opts *o, option_arg a,
                      const cn_loc *l) {
  const char *text = a.text;
  o->width_loc = l;
  o->width_auto = strcmp(text, "auto") == 0;
  if (o->width_auto)
    text = AUTO_WIDTH;
  char *end;
  double x = strtod(text, &end);
  if (end == text || !isfinite(x))
    cn_eval_fail(E, l, "write width=\"14cm\", \"140mm\", \"5.5in\", \"397pt\" or \"auto\"",
                 "cannot read width '%s': it is a number and a unit", text);
  while (*end == ' ')
    end++;
  const unit *u = NULL;
  for (int i = 0; i < NUNITS; i++)
    if (strcmp(end, units[i].name) == 0)
      u = &units[i];
  if (!u)
    cn_eval_fail(E, l, "units: cm, mm, in, pt (write width=\"14cm\")",
                 "%s unit in width '%s'", *end ? "unknown" : "no", text);
  o->width_pt = x * u->points;
  if (!(o->width_pt >= WIDTH_MIN_PT && o->width_pt <= WIDTH_MAX_PT))
    cn_eval_error(E, l, "width is between 1in and %gcm, not '%s'",
                  round(WIDTH_MAX_PT / units[0].points), text);
}

static void set_fontsize(cn_eval *E, cn_figure_opts *o, option_arg a,
                         const cn_loc *l) {
  o->font_pt = a.number;
  if (!(o->font_pt >= 4 && o->font_pt <= 36))
    cn_eval_error(E, l,
                  "fontsize is the labels' size in points at the figure's "
                  "width, between 4 and 36, not %g",
                  o->font_pt);
}

static void set_theme(cn_eval *E, cn_figure_opts *o, option_arg a,
                      const cn_loc *l) {
  if (strcmp(a.text, "colour") == 0 || strcmp(a.text, "color") == 0)
    o->theme = THEME_COLOUR;
  else if (strcmp(a.text, "print") == 0)
    o->theme = THEME_PRINT;
  else
    cn_eval_fail(E, l,
                 "theme=\"color\" (the default) or theme=\"print\" (greys "
                 "only, for black-and-white print)",
                 "unknown theme '%s'", a.text);
}

/* The options, in the order a call's are read.  What each takes, its
 * default as shown and its doc are in the records of dot() and render()
 * (stdlib/natives_render.c), which :help, the reference and the argument
 * check read. */
static const option options[] = {
    {"to", FO_TEXT, 1, 0, set_to},
    {"layout", FO_TEXT, 0, 0, set_layout},
    {"highlight", FO_VALUE, 0, 0, set_highlight},
    {"cluster", FO_VALUE, 0, 0, set_cluster},
    {"labels", FO_VALUE, 0, 0, set_labels},
    {"title", FO_TEXT, 0, 0, set_title},
    {"font", FO_TEXT, 0, 0, set_font},
    {"lang", FO_TEXT, 0, 0, set_lang},
    {"stages", FO_VALUE, 1, 0, set_stages},
    {"layers", FO_VALUE, 1, 0, set_layers},
    {"absent", FO_VALUE, 1, 0, set_absent},
    {"legend", FO_BOOL, 1, 0, set_legend},
    {"dpi", FO_NUMBER, 1, 1, set_dpi},
    {"width", FO_TEXT, 1, 1, set_width},
    {"fontsize", FO_NUMBER, 0, 1, set_fontsize},
    {"theme", FO_TEXT, 0, 1, set_theme},
    {"node_size", FO_VALUE, 0, 0, set_node_size},
    {"tie_width", FO_VALUE, 0, 0, set_tie_width},
    {"focus", FO_VALUE, 0, 0, set_focus},
    {"changes", FO_BOOL, 1, 0, set_changes},
};
enum { NOPTIONS = sizeof options / sizeof *options };
/* The default of an option, as the function's record writes it (a number,
 * or text in quotes): the one place it is written. */
static option_arg record_default(cn_eval *E, const cn_call *call,
                                 const option *opt) {
  const cn_param *p = cn_native_param(call->native, opt->name);
  const char *def = p && p->def ? p->def : "";
  option_arg a;
  if (opt->kind == FO_NUMBER) {
    a.number = strtod(def, NULL);
  } else {
    size_t n = strlen(def);
    a.text = n >= 2 && def[0] == '"' ? cn_arena_printf(E->arena, "%.*s",
                                                       (int)n - 2, def + 1)
                                     : def;
  }
  return a;
}

void cn_figure_parse_options(cn_eval *E, cn_call *call, cn_figure_opts *o,
                             int is_render) {
  memset(o, 0, sizeof *o);
  o->node = call->node;
  o->loc = &call->node->loc;
  o->is_render = is_render;
  o->labels = 1;
  o->absent = ABSENT_GREY;
  o->legend = 1;
  o->font = DEFAULT_FONT;
  o->focus = -1;
  o->focus_group = -1;
  for (int i = 0; i < NOPTIONS; i++) {
    const option *opt = &options[i];
    const cn_loc *l;
    const cn_value *v;
    if (opt->render_only && !is_render)
      continue;
    if (!(v = cn_arg_named(call, opt->name, &l))) {
      if (opt->record_default)
        opt->set(E, o, record_default(E, call, opt), o->loc);
      continue;
    }
    option_arg a;
    switch (opt->kind) {
    case FO_TEXT: a.text = cn_arg_string(E, v, l); break;
    case FO_BOOL: a.flag = cn_arg_bool(E, v, l); break;
    case FO_NUMBER: a.number = cn_arg_number(E, v, l); break;
    case FO_VALUE: a.value = v; break;
    }
    opt->set(E, o, a, l);
  }
}

/* An argument no option took: the error and hint come from the built-in's
 * record (runtime/eval/native.h), which names the same options. */
void cn_figure_options_done(cn_eval *E, cn_call *call, const cn_figure_opts *o) {
  (void)o;
  cn_arg_done(E, call);
}

static const char *ext_format(const char *path) {
  const char *dot = strrchr(path, '.');
  const char *slash = strrchr(path, '/');
  if (!dot || (slash && dot < slash))
    return NULL;
  static const char *const known[] = {"svg", "png", "pdf", "eps", "dot", "gv",
                                      "html", NULL};
  for (int i = 0; known[i]; i++)
    if (strcmp(dot + 1, known[i]) == 0)
      return strcmp(known[i], "gv") == 0 ? "dot" : known[i];
  return NULL;
}

void cn_figure_check_output(cn_eval *E, cn_figure_opts *o) {
  if (!o->to)
    cn_eval_fail(E, o->loc, "write render(…, to=\"figure.pdf\")",
                 "render() needs to=\"FILE\" (.svg, .png, .pdf, .eps, .dot or "
                 ".html)");
  o->format = ext_format(o->to);
  if (!o->format)
    cn_eval_fail(E, o->to_loc, "the format comes from the extension",
                 "cannot tell the format of '%s': use .svg, .png, .pdf, .eps, "
                 ".dot or .html",
                 o->to);
  o->per_stage = strstr(o->to, "%s");
  if (o->per_stage && !o->nstages)
    cn_eval_fail(E, o->to_loc, "write render(stages=all, to=\"fig-%s.svg\")",
                 "'%%s' in to= stands for the stage: it needs stages=");
  if (o->per_stage && strcmp(o->format, "html") == 0)
    cn_eval_fail(E, o->to_loc, "write render(stages=all, to=\"case.html\")",
                 "a page shows every stage: to= takes no '%%s' for .html");
  if (o->per_stage && strstr(o->per_stage + 2, "%s"))
    cn_eval_error(E, o->to_loc, "to= may hold '%%s' only once");
}
