/* save.c — write the case model back as a canonical .cnet script. */
#include "save.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "print.h"

static void label(FILE *out, const cn_name *l) {
  if (l) {
    fputc(' ', out);
    cn_print_string(out, l->str);
  }
}

static void span(FILE *out, cn_span s) {
  if (isinf(s.from) && isinf(s.to))
    return; /* all time: written as no span */
  fputc(' ', out);
  cn_print_years(out, s.from, s.to);
}

static void section(FILE *out, const char *what, size_t n) {
  if (n)
    fprintf(out, "\n# ---- %s\n", what);
}

static void layer_or_kind(FILE *out, const char *word, const cn_layer *d) {
  fprintf(out, "%s ", word);
  cn_print_name(out, d->name->str);
  label(out, d->label);
  cn_print_attrs(out, d->attrs);
  fputc('\n', out);
}

/* Were actors a and b declared by the same statement?  Then they are
 * written as one again: `actor 彩陶师傅, 回收队伍 : 群体 {…}`. */
static int same_statement(const cn_actor *a, const cn_actor *b) {
  return a->kind == b->kind && a->has_span == b->has_span &&
         a->span.from == b->span.from && a->span.to == b->span.to &&
         a->attrs == b->attrs && a->loc.src == b->loc.src &&
         a->loc.src != NULL && a->loc.first_line == b->loc.first_line;
}

static void actors(FILE *out, const cn_case *c) {
  for (size_t i = 0; i < c->actors.n;) {
    const cn_actor *a = &c->actors.items[i];
    fputs("actor ", out);
    size_t j = i;
    do {
      if (j > i)
        fputs(", ", out);
      cn_print_name(out, c->actors.items[j].name->str);
      j++;
    } while (j < c->actors.n && same_statement(a, &c->actors.items[j]));
    if (a->kind >= 0) {
      fputs(" : ", out);
      cn_print_name(out, c->kinds.items[a->kind].name->str);
    }
    if (a->has_span)
      span(out, a->span);
    cn_print_attrs(out, a->attrs);
    fputc('\n', out);
    i = j;
  }
}

/* A tie's block as written, with what an import read from columns rather
 * than from a block — weight, source, transient — added, so the tie
 * reloads the same.  Built in `scratch`. */
static const cn_attrs *tie_attrs(cn_arena *scratch, const cn_tie *t) {
  static cn_name weight = {.str = "weight", .len = 6},
                 source = {.str = "source", .len = 6},
                 transient = {.str = "transient", .len = 9};
  const cn_attrs *at = cn_tie_attrs(t);
  int add_w = cn_tie_weight(t) != 1 && !cn_attrs_get(at, "weight");
  int add_s = cn_tie_nsources(t) > 0 && !cn_attrs_get(at, "source");
  int add_t = t->transient && !cn_attrs_get(at, "transient");
  if (!add_w && !add_s && !add_t)
    return at;
  cn_attrs *all = cn_arena_alloc(scratch, sizeof *all);
  cn_loc nowhere = {0, 0, 0, 0, NULL};
  for (int i = 0; at && i < at->n; i++)
    cn_ast_push_attr(scratch, all, at->items[i].key, at->items[i].value);
  if (add_w) {
    cn_ast *v = cn_ast_new(scratch, CN_AST_NUM, nowhere);
    v->u.num = cn_tie_weight(t);
    cn_ast_push_attr(scratch, all, (cn_ident){&weight, nowhere}, v);
  }
  if (add_s) {
    int n = cn_tie_nsources(t);
    cn_ast *v = cn_ast_new(scratch, n == 1 ? CN_AST_STR : CN_AST_LIST, nowhere);
    for (int i = 0; i < n; i++) {
      cn_ast *e = n == 1 ? v : cn_ast_new(scratch, CN_AST_STR, nowhere);
      e->u.str = cn_tie_sources(t)[i];
      if (n > 1)
        cn_ast_push_node(scratch, &v->u.list, e);
    }
    cn_ast_push_attr(scratch, all, (cn_ident){&source, nowhere}, v);
  }
  if (add_t) {
    cn_ast *v = cn_ast_new(scratch, CN_AST_BOOL, nowhere);
    v->u.boolean = 1;
    cn_ast_push_attr(scratch, all, (cn_ident){&transient, nowhere}, v);
  }
  return all;
}

static void tie(FILE *out, const cn_case *c, const cn_tie *t,
                cn_arena *scratch) {
  /* first in the statement, where `case` would start a declaration */
  cn_print_name_at(out, c->actors.items[t->from].name->str, 1);
  fputs(t->directed ? " -> " : " -- ", out);
  cn_print_name(out, c->actors.items[t->to].name->str);
  if (t->layer >= 0) {
    fputs(" : ", out);
    cn_print_name(out, c->layers.items[t->layer].name->str);
  }
  if (t->has_span)
    span(out, cn_tie_span(t));
  cn_print_attrs(out, tie_attrs(scratch, t));
  cn_arena_reset(scratch);
  fputc('\n', out);
}

int cn_save_write(const cn_case *c, FILE *out) {
  fputs("# written by cnet (:save): the case by section, then its let and "
        "def statements\n",
        out);
  if (c->case_loc.first_line && c->title) {
    fputs("\ncase ", out);
    cn_print_string(out, c->title->str);
    cn_print_attrs(out, c->attrs);
    fputc('\n', out);
  }
  section(out, "layers", c->layers.n);
  for (size_t i = 0; i < c->layers.n; i++)
    layer_or_kind(out, "layer", &c->layers.items[i]);
  section(out, "kinds", c->kinds.n);
  for (size_t i = 0; i < c->kinds.n; i++)
    layer_or_kind(out, "kind", &c->kinds.items[i]);
  section(out, "stages", c->stages.n);
  for (size_t i = 0; i < c->stages.n; i++) {
    const cn_stage *s = &c->stages.items[i];
    fputs("stage ", out);
    cn_print_name(out, s->name->str);
    label(out, s->label);
    span(out, s->span);
    if (s->state_from && s->state_to) {
      fputs(" : ", out);
      cn_print_name(out, s->state_from->str);
      fputs(" -> ", out);
      cn_print_name(out, s->state_to->str);
    }
    cn_print_attrs(out, s->attrs);
    fputc('\n', out);
  }
  section(out, "actors", c->actors.n);
  actors(out, c);
  section(out, "groups", c->groups.n);
  for (size_t i = 0; i < c->groups.n; i++) {
    const cn_group *g = &c->groups.items[i];
    fputs("group ", out);
    cn_print_name(out, g->name->str);
    label(out, g->label);
    fputs(" = {", out);
    for (int k = 0; k < g->nmembers; k++) {
      if (k)
        fputs(", ", out);
      cn_print_name(out, c->actors.items[g->members[k]].name->str);
    }
    fputc('}', out);
    cn_print_attrs(out, g->attrs);
    fputc('\n', out);
  }
  section(out, "ties", c->ties.n);
  cn_arena scratch;
  cn_arena_init(&scratch);
  for (size_t i = 0; i < c->ties.n; i++)
    tie(out, c, &c->ties.items[i], &scratch);
  cn_arena_free(&scratch);
  section(out, "events", c->events.n);
  for (size_t i = 0; i < c->events.n; i++) {
    const cn_event *e = &c->events.items[i];
    fputs("event", out);
    span(out, e->span);
    fputc(' ', out);
    cn_print_string(out, e->text->str);
    cn_print_attrs(out, e->attrs); /* stage = … among them */
    fputc('\n', out);
  }
  size_t nbind = 0;
  for (size_t i = 0; i < c->stmts.n; i++)
    nbind += c->stmts.items[i]->kind == CN_AST_LET ||
             c->stmts.items[i]->kind == CN_AST_DEF;
  section(out, "let and def", nbind);
  for (size_t i = 0; i < c->stmts.n; i++) {
    const cn_ast *s = c->stmts.items[i];
    if (s->kind != CN_AST_LET && s->kind != CN_AST_DEF)
      continue;
    cn_print_stmt(out, s);
    fputc('\n', out);
  }
  return ferror(out) ? -1 : 0;
}

int cn_save_file(const cn_case *c, const char *path, char *why, size_t nwhy) {
  cn_out *o = cn_out_new();
  int rc;
  const cn_out_file *f = cn_out_add(o, path, 0, &rc, why, nwhy);
  if (!f) {
    cn_out_abort(o);
    return rc;
  }
  (void)cn_save_write(c, f->f); /* a write error shows in the commit */
  return cn_out_commit(o, why, nwhy);
}
