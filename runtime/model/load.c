/* load.c — statements to case model: names resolved, spans and attributes
 * read, includes followed; the model adds and checks (case_add.c). */
#define _XOPEN_SOURCE 700
#include "load.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "case_add.h"
#include "import.h"
#include "lang.h"
#include "suggest.h"
#include "tie_repeat.h"
#include "where.h"

enum { MAX_INCLUDE_DEPTH = 32 };

/* An included file whose real name does not end in ".cnet" may be no
 * text of the user's (/etc/passwd, a key, a spreadsheet): none of its
 * lines is shown (cn_source.quiet), and when its first statement already
 * fails it is reported once as no cnet script.  That is known once it is
 * parsed: its diagnostics are held until then, in a diag of its own. */
typedef struct probe {
  int seen;          /* a statement of the file was read */
  int errors_before; /* errors of the file before its first statement */
} probe;

typedef struct loader {
  cn_case *c;
  cn_diag *diag;
  int errors_at_start;
  char *stack[MAX_INCLUDE_DEPTH]; /* real paths of the files being read */
  int depth;
  probe *probe; /* of the included file being read, or NULL */
  cn_tie_repeats repeats; /* the ties read, to warn of one written twice */
} loader;

/* A generated script may repeat thousands of ties: the first few are
 * warned of each at its line, the rest in one warning at the end. */
enum { REPEATS_SHOWN = 3 };

static int load_source(loader *L, cn_source *src);

/* ---- name look-up and errors ---- */

static int32_t resolve(loader *L, const cn_ident *id, enum cn_ns ns) {
  int32_t k = cn_case_find(id->name, ns);
  if (k < 0)
    cn_case_unknown(L->c, L->diag, &id->loc, ns, id->name->str);
  return k;
}

/* ---- spans ---- */

/* Resolve a written span; returns 0 and reports on error. */
static int resolve_span(loader *L, const cn_ast_span *s, cn_span *out) {
  out->from = -INFINITY;
  out->to = INFINITY;
  switch (s->kind) {
  case CN_SPAN_NONE:
    return 1;
  case CN_SPAN_STAGE: {
    int32_t k = resolve(L, &s->stage, CN_NS_STAGE);
    if (k < 0)
      return 0;
    *out = L->c->stages.items[k].span;
    return 1;
  }
  case CN_SPAN_RANGE:
  {
    cn_where at = cn_where_loc(&s->loc);
    return cn_case_span(L->diag, &at, s->from, s->to, NULL, out);
  }
  }
  return 0;
}

/* ---- attributes with a meaning ---- */

/* Sources: a string or a list of strings; returns the count (-1: error). */
static int read_sources(loader *L, const cn_attr *a, cn_name ***out) {
  const cn_ast *v = a->value;
  if (v->kind == CN_AST_STR) {
    *out = cn_arena_alloc(&L->c->arena, sizeof **out);
    (*out)[0] = v->u.str;
    return 1;
  }
  if (v->kind == CN_AST_LIST) {
    int n = v->u.list.n;
    *out = cn_arena_alloc(&L->c->arena, sizeof **out * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) {
      const cn_ast *e = v->u.list.items[i];
      if (e->kind != CN_AST_STR) {
        cn_diag_error(L->diag, &e->loc, "a source is a string, not %s",
                      cn_ast_literal_kind(e));
        cn_diag_hint(L->diag, "write source = \"181025XZ\" or source = "
                              "[\"181025XZ\", \"文件\"]");
        return -1;
      }
      (*out)[i] = e->u.str;
    }
    return n;
  }
  cn_diag_error(L->diag, &v->loc, "a source is a string or a list of strings, "
                                  "not %s", cn_ast_literal_kind(v));
  return -1;
}

static int read_weight(loader *L, const cn_attr *a, double *w) {
  const cn_ast *v = a->value;
  if (v->kind != CN_AST_NUM) {
    cn_diag_error(L->diag, &v->loc, "a weight is a number, not %s",
                  cn_ast_literal_kind(v));
    return 0;
  }
  if (!cn_case_weight_ok(L->diag, &v->loc, v->u.num))
    return 0;
  *w = v->u.num;
  return 1;
}

static int read_bool(loader *L, const cn_attr *a, int *out) {
  if (a->value->kind != CN_AST_BOOL) {
    cn_diag_error(L->diag, &a->value->loc, "'%s' is true or false, not %s",
                  a->key.name->str, cn_ast_literal_kind(a->value));
    return 0;
  }
  *out = a->value->u.boolean;
  return 1;
}

/* The attribute keys that mean something to cnet (language.md,
 * "Attributes with a meaning"; the figures read the drawing ones). */
static const struct {
  const char *key, *meaning;
} reserved_keys[] = {
    {"source", "the evidence behind it"},
    {"weight", "a tie's weight"},
    {"transient", "a one-off contact"},
    {"label", "the name drawn"},
    {"color", "the colour drawn"},
    {"fillcolor", "the fill drawn"},
    {"shape", "the shape drawn"},
    {"style", "the style drawn"},
    {"penwidth", "the line width drawn"},
    {"fontname", "the font drawn"},
};

/* Any other key is a free attribute, so a slip in a reserved one
 * (sourse = "x") would silently leave a tie without its evidence: warn
 * when a key is one or two edits from a reserved key (one for the short
 * ones, where `level` and `label` are both meant). */
static void warn_near_reserved(loader *L, const cn_attr *a) {
  const char *k = a->key.name->str;
  size_t n = sizeof reserved_keys / sizeof *reserved_keys;
  for (size_t i = 0; i < n; i++)
    if (strcmp(k, reserved_keys[i].key) == 0)
      return;
  for (size_t i = 0; i < n; i++) {
    int max = strlen(reserved_keys[i].key) >= 6 ? 2 : 1;
    if (cn_edit_distance(k, reserved_keys[i].key, max) <= max) {
      cn_diag_warning(L->diag, &a->key.loc,
                      "'%s' is kept as a plain attribute; did you mean '%s'?",
                      k, reserved_keys[i].key);
      cn_diag_hint(L->diag, "only '%s' is read as %s; any other key is data",
                   reserved_keys[i].key, reserved_keys[i].meaning);
      return;
    }
  }
}

/* Reject a key given twice in one block; warn of a near-miss of a
 * reserved key. */
static int attrs_unique(loader *L, const cn_attrs *at) {
  if (!at)
    return 1;
  for (int i = 0; i < at->n; i++)
    warn_near_reserved(L, &at->items[i]);
  int ok = 1;
  for (int i = 0; i < at->n; i++)
    for (int j = 0; j < i; j++)
      if (at->items[i].key.name == at->items[j].key.name) {
        cn_diag_error(L->diag, &at->items[i].key.loc,
                      "attribute '%s' given twice", at->items[i].key.name->str);
        ok = 0;
        break;
      }
  return ok;
}

/* ---- statements ---- */

static void on_case(loader *L, cn_ast *s) {
  cn_case *c = L->c;
  if (c->case_loc.first_line) {
    cn_diag_error(L->diag, &s->loc, "a second 'case': a script describes one "
                                    "case");
    cn_diag_note(L->diag, &c->case_loc, "the case was declared here");
    return;
  }
  attrs_unique(L, s->u.case_.attrs);
  c->case_loc = s->loc;
  c->title = s->u.case_.title;
  c->attrs = cn_attrs_copy(&c->arena, s->u.case_.attrs);
  c->version++;
}

static void on_layer_or_kind(loader *L, cn_ast *s) {
  cn_case *c = L->c;
  int is_layer = s->kind == CN_AST_LAYER;
  attrs_unique(L, s->u.decl.attrs);
  cn_layer d = {s->u.decl.id.name, s->u.decl.label,
                cn_attrs_copy(&c->arena, s->u.decl.attrs), s->loc};
  if (is_layer)
    cn_case_add_layer(c, L->diag, &d, &s->u.decl.id.loc);
  else
    cn_case_add_kind(c, L->diag, &d, &s->u.decl.id.loc);
}

static void on_stage(loader *L, cn_ast *s) {
  cn_case *c = L->c;
  attrs_unique(L, s->u.stage.attrs);
  cn_stage st = {0};
  if (s->u.stage.span.kind == CN_SPAN_STAGE) {
    cn_diag_error(L->diag, &s->u.stage.span.loc,
                  "a stage's span is written in years");
    return;
  }
  if (!resolve_span(L, &s->u.stage.span, &st.span)) {
    st.span.from = -INFINITY; /* reported; declared all the same, so that */
    st.span.to = INFINITY;    /* later uses of the stage do not cascade */
  }
  st.name = s->u.stage.id.name;
  st.label = s->u.stage.label;
  st.state_from = s->u.stage.state_from.name;
  st.state_to = s->u.stage.state_to.name;
  st.attrs = cn_attrs_copy(&c->arena, s->u.stage.attrs);
  st.loc = s->loc;
  cn_case_add_stage(c, L->diag, &st, &s->u.stage.id.loc);
}

static void on_actor(loader *L, cn_ast *s) {
  cn_case *c = L->c;
  /* an unknown kind or a bad span is reported, but the actors are still
   * declared, so that one slip does not bring an error at every later use */
  int32_t kind = -1;
  if (s->u.actor.kind.name)
    kind = resolve(L, &s->u.actor.kind, CN_NS_KIND);
  cn_span span;
  if (!resolve_span(L, &s->u.actor.span, &span)) {
    span.from = -INFINITY;
    span.to = INFINITY;
  }
  attrs_unique(L, s->u.actor.attrs);
  cn_attrs *attrs = cn_attrs_copy(&c->arena, s->u.actor.attrs);
  for (int i = 0; i < s->u.actor.ids.n; i++) {
    const cn_ident *id = &s->u.actor.ids.items[i];
    cn_actor a = {id->name, kind, s->u.actor.span.kind != CN_SPAN_NONE, span,
                  attrs, id->loc};
    cn_case_add_actor(c, L->diag, &a);
  }
}

/* The layer a tie statement names; a tie without one in a case that has
 * layers is reported, else the first such tie is remembered. */
static int tie_layer(loader *L, const cn_ast *s, int32_t *layer) {
  cn_case *c = L->c;
  *layer = -1;
  if (s->u.tie.layer.name)
    return (*layer = resolve(L, &s->u.tie.layer, CN_NS_LAYER)) >= 0;
  if (c->layers.n > 0) {
    cn_diag_error(L->diag, &s->loc, "this tie has no layer");
    char buf[256];
    size_t len = 0;
    for (size_t i = 0; i < c->layers.n && len < sizeof buf - 64; i++)
      len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s",
                              i ? ", " : "", c->layers.items[i].name->str);
    cn_diag_hint(L->diag, "the case declares layers, so every tie names one: "
                          "A -- B : %s (layers: %s)",
                 c->layers.items[0].name->str, buf);
    return 0;
  }
  if (!c->implicit_tie.first_line)
    c->implicit_tie = s->loc;
  return 1;
}

/* The attributes of a tie statement: weight, transient and source read
 * and checked; when they are all right and `extra` is given, the one extra
 * part every tie of the statement shares. */
static int tie_attrs(loader *L, const cn_attrs *at, cn_span span,
                     int *transient, const cn_tie_extra **extra) {
  double weight = 1;
  int nsrc = 0, ok = attrs_unique(L, at);
  cn_name **sources = NULL;
  for (int i = 0; at && i < at->n; i++) {
    const cn_attr *a = &at->items[i];
    const char *k = a->key.name->str;
    if (strcmp(k, "weight") == 0 && !read_weight(L, a, &weight))
      ok = 0;
    else if (strcmp(k, "transient") == 0 && !read_bool(L, a, transient))
      ok = 0;
    else if (strcmp(k, "source") == 0 &&
             (nsrc = read_sources(L, a, &sources)) < 0)
      ok = 0;
  }
  if (nsrc > UINT16_MAX)
    nsrc = UINT16_MAX;
  if (ok && extra)
    *extra = cn_tie_extra_new(L->c, span, weight, sources, nsrc,
                              cn_attrs_copy(&L->c->arena, at));
  return ok;
}

/* A tie written twice counts twice: ties add, as in UCINET and igraph.
 * Deliberate repeats are rare and a pasted line is not, so say so: at the
 * first few lines that repeat a tie, then in one warning for the rest. */
static void warn_repeats(loader *L) {
  size_t n;
  cn_tie_repeat *rep = cn_tie_repeats_found(&L->repeats, L->c, &n);
  long lines = 0;
  cn_loc unsaid = {0, 0, 0, 0, NULL}; /* the first line not warned of alone */
  for (size_t i = 0; i < n; i++) {
    if (i > 0 && rep[i].src == rep[i - 1].src && rep[i].line == rep[i - 1].line)
      continue; /* another pair of the same statement */
    cn_loc at = {rep[i].line, 1, rep[i].line, 1, rep[i].src};
    if (++lines == REPEATS_SHOWN + 1)
      unsaid = at;
    if (lines > REPEATS_SHOWN)
      continue;
    if (rep[i].first_src == rep[i].src)
      cn_diag_warning(L->diag, &at,
                      "the same tie as line %d: it counts twice (weights add)",
                      rep[i].first_line);
    else
      cn_diag_warning(L->diag, &at,
                      "the same tie as %s:%d: it counts twice (weights add)",
                      rep[i].first_src ? rep[i].first_src->name : "?",
                      rep[i].first_line);
    cn_diag_hint(L->diag,
                 "remove one, or write the tie once with its total as weight=");
  }
  if (lines == REPEATS_SHOWN + 1)
    cn_diag_warning(L->diag, &unsaid,
                    "this line repeats an earlier tie too: it counts twice "
                    "(weights add)");
  else if (lines > REPEATS_SHOWN)
    cn_diag_warning(L->diag, &unsaid,
                    "this and %ld more line%s repeat an earlier tie: each "
                    "counts twice (weights add)",
                    lines - REPEATS_SHOWN - 1,
                    lines - REPEATS_SHOWN - 1 == 1 ? "" : "s");
  free(rep);
}

static void on_tie(loader *L, cn_ast *s) {
  cn_case *c = L->c;
  int ok = 1;
  /* ends */
  int32_t small_l[8], small_r[8];
  int nl = s->u.tie.lhs.n, nr = s->u.tie.rhs.n;
  int32_t *lhs = nl <= 8 ? small_l : cn_xmalloc(sizeof(int32_t) * (size_t)nl);
  int32_t *rhs = nr <= 8 ? small_r : cn_xmalloc(sizeof(int32_t) * (size_t)nr);
  for (int i = 0; i < nl; i++)
    if ((lhs[i] = resolve(L, &s->u.tie.lhs.items[i], CN_NS_ACTOR)) < 0)
      ok = 0;
  for (int i = 0; i < nr; i++)
    if ((rhs[i] = resolve(L, &s->u.tie.rhs.items[i], CN_NS_ACTOR)) < 0)
      ok = 0;
  int32_t layer;
  if (!tie_layer(L, s, &layer))
    ok = 0;
  cn_span span;
  if (!resolve_span(L, &s->u.tie.span, &span))
    ok = 0;
  int transient = 0;
  const cn_tie_extra *extra = NULL;
  if (!tie_attrs(L, s->u.tie.attrs, span, &transient, ok ? &extra : NULL))
    ok = 0;
  if (ok) {
    int left = s->u.tie.op == CN_TIE_LEFT;
    const cn_where where = cn_where_loc(&s->loc);
    for (int i = 0; i < nl; i++)
      for (int j = 0; j < nr; j++) {
        /* the ends as written, so that an empty span names the first
         * written end it misses; a `<-` tie is turned round once added */
        cn_tie t;
        memset(&t, 0, sizeof t);
        t.from = lhs[i];
        t.to = rhs[j];
        t.layer = layer;
        t.directed = s->u.tie.op != CN_TIE_UNDIRECTED;
        t.transient = (uint8_t)transient;
        t.has_span = s->u.tie.span.kind != CN_SPAN_NONE;
        t.x = extra;
        cn_tie *added = cn_case_add_tie(c, L->diag, &t, &where);
        if (added && left) {
          added->from = rhs[j];
          added->to = lhs[i];
        }
        if (added)
          cn_tie_repeat_note(&L->repeats, c, (int32_t)(added - c->ties.items),
                             &s->loc);
      }
  }
  if (lhs != small_l)
    free(lhs);
  if (rhs != small_r)
    free(rhs);
}

static void on_group(loader *L, cn_ast *s) {
  cn_case *c = L->c;
  const cn_ident *id = &s->u.group.id;
  attrs_unique(L, s->u.group.attrs);
  /* the name first: its errors come before those of the members */
  if (!cn_case_name_free(c, L->diag, CN_NS_GROUP, id->name, &id->loc))
    return;
  cn_group g = {0};
  g.name = id->name;
  g.label = s->u.group.label;
  g.loc = s->loc;
  g.attrs = cn_attrs_copy(&c->arena, s->u.group.attrs);
  g.members = cn_arena_alloc(&c->arena, sizeof(int32_t) *
                                            (size_t)s->u.group.members.n);
  int ok = 1;
  for (int i = 0; i < s->u.group.members.n; i++) {
    const cn_ident *m = &s->u.group.members.items[i];
    int32_t k = resolve(L, m, CN_NS_ACTOR);
    if (k < 0) {
      ok = 0;
      continue;
    }
    int dup = 0;
    for (int j = 0; j < g.nmembers; j++)
      dup |= g.members[j] == k;
    if (dup) {
      cn_diag_error(L->diag, &m->loc, "'%s' is listed twice in group '%s'",
                    m->name->str, id->name->str);
      ok = 0;
      continue;
    }
    g.members[g.nmembers++] = k;
  }
  if (!ok)
    return;
  cn_case_add_group(c, L->diag, &g, &id->loc);
}

static void on_event(loader *L, cn_ast *s) {
  cn_case *c = L->c;
  cn_event e = {0};
  if (!resolve_span(L, &s->u.event.span, &e.span))
    return;
  attrs_unique(L, s->u.event.attrs);
  e.text = s->u.event.text;
  e.stage = -1;
  const cn_attr *st = cn_attrs_get(s->u.event.attrs, "stage");
  if (st) {
    cn_name *sn = cn_ast_name_of(st->value);
    if (!sn) {
      cn_diag_error(L->diag, &st->value->loc, "'stage' names a stage, not %s",
                    cn_ast_literal_kind(st->value));
      return;
    }
    cn_ident sid = {sn, st->value->loc};
    if ((e.stage = resolve(L, &sid, CN_NS_STAGE)) < 0)
      return;
  }
  e.attrs = cn_attrs_copy(&c->arena, s->u.event.attrs);
  e.loc = s->loc;
  cn_case_add_event(c, &e);
}

/* Directory part of a path ("." when none). */
static char *dir_of(const char *path) {
  const char *slash = path ? strrchr(path, '/') : NULL;
  if (!slash)
    return NULL; /* the current directory */
  size_t n = (size_t)(slash - path);
  char *d = cn_xmalloc(n + 2);
  memcpy(d, path, n ? n : 1);
  d[n ? n : 1] = '\0';
  return d;
}

static int ends_with(const char *s, const char *tail) {
  size_t n = strlen(s), k = strlen(tail);
  return n >= k && strcmp(s + n - k, tail) == 0;
}

/* Load an included source (its real path on top of L->stack), its
 * diagnostics held until it is known to read as a cnet script (probe). */
static void load_probed(loader *L, cn_source *src, const char *rel,
                        const cn_loc *at) {
  const char *real = L->stack[L->depth - 1]; /* NULL if it vanished */
  src->quiet = !real || !ends_with(real, ".cnet");
  cn_diag *outer = L->diag;
  char *held = NULL;
  size_t nheld = 0;
  FILE *m = open_memstream(&held, &nheld);
  if (!m) {
    load_source(L, src); /* shown as it comes (its lines still are not) */
    return;
  }
  cn_diag inner;
  cn_diag_init(&inner, m);
  inner.max_errors = outer->max_errors > outer->errors
                         ? outer->max_errors - outer->errors : 1;
  probe p = {0, 0}, *up = L->probe;
  L->diag = &inner;
  L->probe = &p;
  load_source(L, src);
  L->diag = outer;
  L->probe = up;
  fclose(m);
  int before = p.seen ? p.errors_before : inner.errors;
  if (before > 0 && src->quiet) {
    cn_diag_error(outer, at, "'%s' is not a cnet script (it does not begin "
                             "with one); its lines are not shown", rel);
    cn_diag_hint(outer, "include reads cnet scripts (the lines of a file named "
                        "*.cnet are shown with its errors); a spreadsheet is "
                        "read with import");
  } else {
    fwrite(held, 1, nheld, outer->out);
    outer->errors += inner.errors;
    outer->warnings += inner.warnings;
    outer->suppressed |= inner.suppressed;
    outer->show_hints = inner.show_hints;
  }
  free(held);
}

cn_source *cn_load_read(const char *path, cn_diag *diag, const cn_loc *from) {
  char why[4400];
  if (cn_where_may_read(path, why, sizeof why) != 0) {
    cn_diag_error(diag, from, "%s", why);
    cn_diag_hint(diag, CN_WHERE_READ_HINT);
    return NULL;
  }
  return cn_src_load(path, diag, from);
}

static void on_include(loader *L, cn_ast *s) {
  const char *rel = s->u.include.path->str;
  char *path;
  char *dir = rel[0] == '/' ? NULL : dir_of(s->loc.src->path);
  if (!dir) {
    path = cn_xstrdup(rel);
  } else {
    size_t n = strlen(dir) + strlen(rel) + 2;
    path = cn_xmalloc(n);
    snprintf(path, n, "%s/%s", dir, rel);
    free(dir);
  }
  char *real = realpath(path, NULL);
  if (real) {
    for (int i = 0; i < L->depth; i++)
      if (strcmp(L->stack[i], real) == 0) {
        cn_diag_error(L->diag, &s->loc, "include cycle: '%s' is already being "
                                        "read", rel);
        cn_diag_hint(L->diag, "a file cannot include itself, directly or "
                              "through another file");
        free(real);
        free(path);
        return;
      }
  }
  if (L->depth >= MAX_INCLUDE_DEPTH) {
    cn_diag_error(L->diag, &s->loc, "includes nested more than %d deep",
                  MAX_INCLUDE_DEPTH);
    free(real);
    free(path);
    return;
  }
  cn_source *src = cn_load_read(path, L->diag, &s->loc);
  free(path);
  if (!src) {
    free(real);
    return;
  }
  L->stack[L->depth++] = real;
  load_probed(L, src, rel, &s->loc);
  free(L->stack[--L->depth]);
}

static int on_stmt(cn_parser *P, cn_ast *s) {
  loader *L = P->ud;
  if (L->probe && !L->probe->seen) {
    L->probe->seen = 1;
    L->probe->errors_before = L->diag->errors;
  }
  switch (s->kind) {
  case CN_AST_CASE: on_case(L, s); return 0;
  case CN_AST_LAYER:
  case CN_AST_KIND: on_layer_or_kind(L, s); return 0;
  case CN_AST_STAGE: on_stage(L, s); return 0;
  case CN_AST_ACTOR: on_actor(L, s); return 0;
  case CN_AST_TIE: on_tie(L, s); return 0;
  case CN_AST_GROUP: on_group(L, s); return 0;
  case CN_AST_EVENT: on_event(L, s); return 0;
  case CN_AST_INCLUDE: on_include(L, s); return 0;
  case CN_AST_IMPORT:
    cn_import_stmt(L->c, L->diag, s); /* import.c */
    if (cn_diag_full(L->diag))
      P->stop = 1;
    return 0;
  default: /* let, def, expressions: kept for the evaluator */
    cn_case_add_stmt(L->c, s);
    if (cn_diag_full(L->diag))
      P->stop = 1;
    return 1;
  }
}

/* Parse one source into the case (the case takes ownership of src). */
static int load_source(loader *L, cn_source *src) {
  cn_case *c = L->c;
  cn_case_add_source(c, src);
  return cn_parse_text(src, &c->names, L->diag, &c->arena, on_stmt, L);
}

static int load_top(cn_case *c, cn_source *src, cn_diag *diag) {
  loader L;
  memset(&L, 0, sizeof L);
  L.c = c;
  L.diag = diag;
  int before = diag->errors;
  if (!src)
    return diag->errors - before;
  if (src->path) {
    char *real = realpath(src->path, NULL);
    if (real)
      L.stack[L.depth++] = real;
  }
  load_source(&L, src);
  warn_repeats(&L);
  cn_tie_repeats_free(&L.repeats);
  while (L.depth > 0)
    free(L.stack[--L.depth]);
  return diag->errors - before;
}

int cn_load_file(cn_case *c, const char *path, cn_diag *diag) {
  int before = diag->errors;
  cn_source *src = cn_src_load(path, diag, NULL);
  if (!src)
    return diag->errors - before;
  return load_top(c, src, diag);
}

int cn_load_source(cn_case *c, cn_source *src, cn_diag *diag) {
  return load_top(c, src, diag);
}

int cn_load_text(cn_case *c, const char *name, const char *text, size_t len,
                 cn_diag *diag) {
  int before = diag->errors;
  cn_source *src = cn_src_from_text(name, text, len, diag);
  if (!src)
    return diag->errors - before;
  return load_top(c, src, diag);
}

/* A stage attribute naming things of namespace ns: a name or a list. */
static void check_names(cn_case *c, cn_diag *diag, const cn_attr *a,
                        enum cn_ns ns) {
  const cn_ast *v = a->value;
  int n = v->kind == CN_AST_LIST ? v->u.list.n : 1;
  for (int i = 0; i < n; i++) {
    const cn_ast *e = v->kind == CN_AST_LIST ? v->u.list.items[i] : v;
    cn_name *name = cn_ast_name_of(e);
    if (!name) {
      cn_diag_error(diag, &e->loc, "'%s' takes %s names, not %s",
                    a->key.name->str, cn_ns_word(ns), cn_ast_literal_kind(e));
      continue;
    }
    if (name->slot[ns] < 0)
      cn_case_unknown(c, diag, &e->loc, ns, name->str);
  }
}

int cn_load_finish(cn_case *c, cn_diag *diag) {
  int before = diag->errors;
  for (size_t i = 0; i < c->stages.n; i++) {
    const cn_attrs *at = c->stages.items[i].attrs;
    for (int k = 0; at && k < at->n; k++) {
      const cn_attr *a = &at->items[k];
      const char *key = a->key.name->str;
      if (strcmp(key, "collapse") == 0)
        check_names(c, diag, a, CN_NS_GROUP);
      else if (strcmp(key, "layer") == 0)
        check_names(c, diag, a, CN_NS_LAYER);
      else if (strcmp(key, "without") == 0)
        check_names(c, diag, a, CN_NS_ACTOR);
    }
  }
  return diag->errors - before;
}
