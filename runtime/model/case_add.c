/* case_add.c — the one way into the case model: names given their slots,
 * counts kept, and what the model requires checked with one set of
 * messages, whichever reader (script or spreadsheet) adds the thing. */
#include "case_add.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "suggest.h"

#define MAX_YEAR 9999.0

static const char *const ns_what[CN_NS_COUNT] = {"actor", "layer", "kind",
                                                 "stage", "group"};

const char *cn_ns_word(enum cn_ns ns) {
  return ns >= 0 && ns < CN_NS_COUNT ? ns_what[ns] : "";
}

/* ---- names ---- */

static const char *ns_name_at(const cn_case *c, enum cn_ns ns, size_t i) {
  switch (ns) {
  case CN_NS_ACTOR: return c->actors.items[i].name->str;
  case CN_NS_LAYER: return c->layers.items[i].name->str;
  case CN_NS_KIND: return c->kinds.items[i].name->str;
  case CN_NS_STAGE: return c->stages.items[i].name->str;
  case CN_NS_GROUP: return c->groups.items[i].name->str;
  default: return "";
  }
}

static size_t ns_count(const cn_case *c, enum cn_ns ns) {
  switch (ns) {
  case CN_NS_ACTOR: return c->actors.n;
  case CN_NS_LAYER: return c->layers.n;
  case CN_NS_KIND: return c->kinds.n;
  case CN_NS_STAGE: return c->stages.n;
  case CN_NS_GROUP: return c->groups.n;
  default: return 0;
  }
}

static const cn_loc *first_decl(const cn_case *c, enum cn_ns ns, int32_t k) {
  switch (ns) {
  case CN_NS_ACTOR: return &c->actors.items[k].loc;
  case CN_NS_LAYER: return &c->layers.items[k].loc;
  case CN_NS_KIND: return &c->kinds.items[k].loc;
  case CN_NS_STAGE: return &c->stages.items[k].loc;
  default: return &c->groups.items[k].loc;
  }
}

/* The line after `loc` where `name` is declared as a thing of namespace ns
 * (`actor …, name`, `layer name` …), or 0: a name used before its
 * declaration. */
static int declared_later(const cn_loc *loc, enum cn_ns ns, const char *name) {
  if (!loc || !loc->src)
    return 0;
  const cn_source *src = loc->src;
  size_t nlen = strlen(name), wlen = strlen(ns_what[ns]), len;
  cn_src_line(src, loc->first_line, &len); /* builds the line index */
  for (int line = loc->first_line + 1; line <= (int)src->nlines; line++) {
    const char *t = cn_src_line(src, line, &len);
    while (len && (*t == ' ' || *t == '\t'))
      t++, len--;
    if (len <= wlen || strncmp(t, ns_what[ns], wlen) != 0 || t[wlen] != ' ')
      continue;
    /* the declared names run up to ':' '{' '"' or the end */
    for (size_t i = wlen; i + nlen <= len; i++) {
      char ch = t[i];
      if (ch == ':' || ch == '{' || ch == '"' || ch == '#' || ch == '=')
        break;
      if (memcmp(t + i, name, nlen) == 0 &&
          (t[i - 1] == ' ' || t[i - 1] == ',') &&
          (i + nlen == len || strchr(" ,:{\r", t[i + nlen])))
        return line;
    }
  }
  return 0;
}

void cn_case_unknown(const cn_case *c, cn_diag *diag, const cn_loc *loc,
                     enum cn_ns ns, const char *name) {
  cn_diag_error(diag, loc, "unknown %s '%s'", ns_what[ns], name);
  int later = declared_later(loc, ns, name);
  if (later) {
    cn_diag_hint(diag, "'%s' is declared later, at line %d: names are "
                       "declared before they are used", name,
                 later + loc->src->line_base);
    return;
  }
  cn_suggest s;
  cn_suggest_init(&s, name);
  size_t n = ns_count(c, ns);
  for (size_t i = 0; i < n; i++)
    cn_suggest_offer(&s, ns_name_at(c, ns, i));
  if (s.best) {
    cn_diag_hint(diag, "did you mean '%s'?", s.best);
    return;
  }
  /* the name may exist in another namespace: say so */
  for (int k = 0; k < CN_NS_COUNT; k++) {
    cn_name *nm = cn_intern_find(&c->names, name, strlen(name));
    if (k != (int)ns && nm && nm->slot[k] >= 0) {
      cn_diag_hint(diag, "'%s' is %s %s, not %s %s", name,
                   k == CN_NS_ACTOR ? "an" : "a", ns_what[k],
                   ns == CN_NS_ACTOR ? "an" : "a", ns_what[ns]);
      return;
    }
  }
  if (ns != CN_NS_ACTOR && n > 0 && n <= 12) {
    char buf[512];
    size_t len = 0;
    for (size_t i = 0; i < n && len < sizeof buf - 64; i++)
      len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s",
                              i ? ", " : "", ns_name_at(c, ns, i));
    cn_diag_hint(diag, "the %ss are: %s", ns_what[ns], buf);
  } else if (n == 0) {
    cn_diag_hint(diag, "declare it first: %s %s …", ns_what[ns], name);
  }
}

int cn_case_name_free(const cn_case *c, cn_diag *diag, enum cn_ns ns,
                      const cn_name *name, const cn_loc *at) {
  int32_t k = name->slot[ns];
  if (k >= 0) {
    cn_diag_error(diag, at, "duplicate %s '%s'", ns_what[ns], name->str);
    cn_diag_note(diag, first_decl(c, ns, k), "'%s' was first declared here",
                 name->str);
    return 0;
  }
  /* collapse=GROUP makes an actor of a group's name: the two must differ */
  if (ns == CN_NS_ACTOR && name->slot[CN_NS_GROUP] >= 0) {
    cn_diag_error(diag, at, "actor '%s' has the name of a group", name->str);
  } else if (ns == CN_NS_GROUP && name->slot[CN_NS_ACTOR] >= 0) {
    cn_diag_error(diag, at, "group '%s' has the name of an actor", name->str);
    cn_diag_note(diag, &c->actors.items[name->slot[CN_NS_ACTOR]].loc,
                 "the actor is declared here");
  } else {
    return 1;
  }
  cn_diag_hint(diag, "collapse=GROUP turns a group into an actor of the same "
                     "name: give them different names");
  return 0;
}

/* ---- values ---- */

static cn_loc known_loc(const void *loc, int part) {
  (void)part;
  return *(const cn_loc *)loc;
}

cn_where cn_where_loc(const cn_loc *loc) {
  cn_where w = {known_loc, loc};
  return w;
}

int cn_case_year_ok(cn_diag *diag, const cn_where *at, double y,
                    const char *column) {
  if (isinf(y) || fabs(y) <= MAX_YEAR)
    return 1;
  cn_loc loc = at->locate(at->ctx, CN_AT_SPAN);
  if (column)
    cn_diag_error(diag, &loc, "year %g is out of range (column '%s')", y,
                  column);
  else
    cn_diag_error(diag, &loc, "year %g is out of range", y);
  cn_diag_hint(diag, "years are written as numbers between -9999 and 9999");
  return 0;
}

int cn_case_span(cn_diag *diag, const cn_where *at, double from, double to,
                 const char *column, cn_span *out) {
  if (!cn_case_year_ok(diag, at, from, column) ||
      !cn_case_year_ok(diag, at, to, column))
    return 0;
  if (from > to) {
    cn_loc loc = at->locate(at->ctx, CN_AT_SPAN);
    cn_diag_error(diag, &loc, "reversed span: %g comes after %g", from, to);
    cn_diag_hint(diag, "write the earlier year first: %g..%g", to, from);
    return 0;
  }
  out->from = from;
  out->to = to;
  return 1;
}

int cn_case_weight_ok(cn_diag *diag, const cn_loc *at, double w) {
  if (w > 0 && !isinf(w))
    return 1;
  cn_diag_error(diag, at, "weight %g: weights must be positive", w);
  cn_diag_hint(diag, "leave out a tie that does not exist; weaker ties take "
                     "smaller positive weights");
  return 0;
}

/* ---- additions ---- */

/* Room for one more item in a table of the case. */
#define CN_ROOM(v) ((v).items = cn_xgrow((v).items, &(v).cap, (v).n + 1, \
                                         sizeof *(v).items))
/* Append *item to table v; gives its place in the table. */
#define CN_APPEND(v, item)                                                   \
  (CN_ROOM(v), (v).items[(v).n] = *(item), &(v).items[(v).n++])
/* The same for a declaration of case c: the case changes (its version). */
#define CN_DECLARE(c, v, item) ((c)->version++, CN_APPEND(v, item))
/* The same for a named item: its name takes the item's index as its slot
 * in namespace ns. */
#define CN_APPEND_NAMED(c, v, ns, item)                                      \
  ((item)->name->slot[ns] = (int32_t)(v).n, CN_DECLARE(c, v, item))

cn_layer *cn_case_add_layer(cn_case *c, cn_diag *diag, const cn_layer *l,
                            const cn_loc *name_at) {
  if (!cn_case_name_free(c, diag, CN_NS_LAYER, l->name, name_at))
    return NULL;
  if (c->implicit_tie.first_line) {
    cn_diag_error(diag, &l->loc,
                  "layer '%s' declared after ties without a layer",
                  l->name->str);
    cn_diag_note(diag, &c->implicit_tie, "this tie has no layer");
    cn_diag_hint(diag, "declare the layers first and give every tie one");
  }
  return CN_APPEND_NAMED(c, c->layers, CN_NS_LAYER, l);
}

cn_kind *cn_case_add_kind(cn_case *c, cn_diag *diag, const cn_kind *k,
                          const cn_loc *name_at) {
  return cn_case_name_free(c, diag, CN_NS_KIND, k->name, name_at)
             ? CN_APPEND_NAMED(c, c->kinds, CN_NS_KIND, k)
             : NULL;
}

cn_stage *cn_case_add_stage(cn_case *c, cn_diag *diag, const cn_stage *s,
                            const cn_loc *name_at) {
  return cn_case_name_free(c, diag, CN_NS_STAGE, s->name, name_at)
             ? CN_APPEND_NAMED(c, c->stages, CN_NS_STAGE, s)
             : NULL;
}

cn_actor *cn_case_add_actor(cn_case *c, cn_diag *diag, const cn_actor *a) {
  if (!cn_case_name_free(c, diag, CN_NS_ACTOR, a->name, &a->loc))
    return NULL;
  c->nspanned += (size_t)(a->has_span != 0); /* undone by cn_case_rollback */
  return CN_APPEND_NAMED(c, c->actors, CN_NS_ACTOR, a);
}

cn_group *cn_case_add_group(cn_case *c, cn_diag *diag, const cn_group *g,
                            const cn_loc *name_at) {
  return cn_case_name_free(c, diag, CN_NS_GROUP, g->name, name_at)
             ? CN_APPEND_NAMED(c, c->groups, CN_NS_GROUP, g)
             : NULL;
}

cn_tie *cn_case_add_tie(cn_case *c, cn_diag *diag, const cn_tie *t,
                        const cn_where *where) {
  const cn_actor *ea = &c->actors.items[t->from], *eb = &c->actors.items[t->to];
  if (t->from == t->to) {
    cn_loc at = where->locate(where->ctx, CN_AT_ENDS);
    cn_diag_error(diag, &at, "tie from '%s' to itself", ea->name->str);
    cn_diag_hint(diag, "a tie joins two different actors");
    return NULL;
  }
  /* a tie lives only where both its actors do */
  cn_span live = cn_tie_life(c, t);
  if (live.from > live.to) {
    const cn_actor *bad =
        ea->has_span && !cn_span_overlaps(ea->span, cn_tie_span(t)) ? ea : eb;
    char b1[64], b2[64];
    cn_span_print(b1, sizeof b1, cn_tie_span(t));
    cn_span_print(b2, sizeof b2, bad->span);
    cn_loc at = where->locate(where->ctx, CN_AT_SPAN);
    cn_diag_error(diag, &at, "empty span: the tie (%s) never meets the "
                             "life of '%s' (%s)", b1, bad->name->str, b2);
    cn_diag_note(diag, &bad->loc, "'%s' is declared here", bad->name->str);
    return NULL;
  }
  return CN_DECLARE(c, c->ties, t);
}

cn_event *cn_case_add_event(cn_case *c, const cn_event *e) {
  return CN_DECLARE(c, c->events, e);
}

void cn_case_add_stmt(cn_case *c, cn_ast *s) {
  CN_APPEND(c->stmts, &s);
}
