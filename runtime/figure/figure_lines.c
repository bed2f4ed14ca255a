/* figure_lines.c — the lines a figure draws: the ties of one or more
 * snapshots merged into one line per pair of actors and layer, whatever
 * the order and direction they were written in (A–B and B–A are one
 * pair), with the directions they run in and their summed weight, as the
 * measures sum them.  Found through a hash of the unordered pair and the
 * layer, so that a figure is built in time linear in its ties. */
#include <string.h>

#include "figure_draw.h"

static unsigned line_hash(int a, int b, int layer) {
  int lo = a < b ? a : b, hi = a < b ? b : a;
  unsigned h = 2166136261u;
  int k[3] = {lo, hi, layer};
  for (int i = 0; i < 3; i++)
    h = (h ^ (unsigned)k[i]) * 16777619u;
  return h;
}

static int same_pair(const fig_line *l, int a, int b, int layer) {
  return l->layer == layer &&
         ((l->tail == a && l->head == b) || (l->tail == b && l->head == a));
}

/* The slot of pair (a, b) in layer: where its line's index is, or the
 * free slot where it goes. */
static int *line_slot(const line_set *ls, int a, int b, int layer) {
  unsigned mask = (unsigned)ls->nslot - 1;
  for (unsigned i = line_hash(a, b, layer) & mask;; i = (i + 1) & mask) {
    int *s = &ls->slot[i];
    if (*s < 0 || same_pair(&ls->items[*s], a, b, layer))
      return s;
  }
}

void figure_lines_init(cn_arena *A, line_set *ls) {
  memset(ls, 0, sizeof *ls);
  ls->arena = A;
  ls->nslot = 64;
  ls->slot = cn_arena_alloc(A, sizeof(int) * (size_t)ls->nslot);
  for (int i = 0; i < ls->nslot; i++)
    ls->slot[i] = -1;
}

int figure_lines_find(const line_set *ls, int a, int b, int layer) {
  return *line_slot(ls, a, b, layer);
}

/* Twice the slots when half are taken, so that probes stay short. */
static void grow(line_set *ls) {
  if (2 * (ls->n + 1) <= ls->nslot && ls->n < ls->cap)
    return;
  if (ls->n >= ls->cap) {
    int cap = ls->cap ? 2 * ls->cap : 32;
    fig_line *items = cn_arena_alloc(ls->arena, sizeof(fig_line) * (size_t)cap);
    if (ls->n)
      memcpy(items, ls->items, sizeof(fig_line) * (size_t)ls->n);
    ls->items = items;
    ls->cap = cap;
  }
  if (2 * (ls->n + 1) > ls->nslot) {
    ls->nslot *= 2;
    ls->slot = cn_arena_alloc(ls->arena, sizeof(int) * (size_t)ls->nslot);
    for (int i = 0; i < ls->nslot; i++)
      ls->slot[i] = -1;
    for (int k = 0; k < ls->n; k++) {
      const fig_line *l = &ls->items[k];
      *line_slot(ls, l->tail, l->head, l->layer) = k;
    }
  }
}

void figure_lines_add(drawing *d, line_set *ls, const cn_snapshot *s) {
  const cn_case *c = s->c;
  for (int64_t k = 0; k < s->nties; k++) {
    const cn_tie *t = &c->ties.items[s->ties[k]];
    int tail = *figure_vkey_slot(&d->lnode, figure_vertex_key(s, t->from));
    int head = *figure_vkey_slot(&d->lnode, figure_vertex_key(s, t->to));
    int layer = t->layer >= 0 ? t->layer : (int)c->layers.n;
    grow(ls);
    int *slot = line_slot(ls, tail, head, layer);
    if (*slot < 0) {
      *slot = ls->n;
      ls->items[ls->n++] = (fig_line){tail, head, layer, 0, 0};
    }
    fig_line *l = &ls->items[*slot];
    if (t->directed)
      l->dirs |= l->tail == tail ? LINE_FORWARD : LINE_BACK;
    l->strength += cn_tie_weight(t);
  }
  /* a line whose ties all run head → tail is drawn the other way round */
  for (int k = 0; k < ls->n; k++) {
    fig_line *l = &ls->items[k];
    if (l->dirs == LINE_BACK) {
      int x = l->tail;
      l->tail = l->head;
      l->head = x;
      l->dirs = LINE_FORWARD;
    }
  }
}

void figure_style_line(drawing *d, cn_fig *f, int e, const fig_line *l, int grey,
                       const char *id) {
  figure_style_edge(d, f, e, l->layer < (int)d->E->c->layers.n ? l->layer : -1,
                    l->dirs != 0, grey, id);
  cn_fig_attrs *at = &f->edges.items[e].attrs;
  if (l->dirs == (LINE_FORWARD | LINE_BACK))
    cn_fig_set(f, at, "dir", "both");
  if (l->strength != 1) /* data, for whoever reads the DOT */
    cn_fig_setf(f, at, "strength", "%.15g", l->strength);
}
