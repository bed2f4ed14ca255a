/* render_fig.c — the figure model: nodes, edges, clusters and their
 * Graphviz attributes as plain data; labels escaped (escape.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "render.h"
#include "utf8.h"

void cn_fig_init(cn_fig *f, cn_arena *a, const char *name) {
  memset(f, 0, sizeof *f);
  f->arena = a;
  f->name = cn_arena_strdup(a, name);
}

/* Grow an arena array of `item`-byte elements to hold one more. */
static void *grow(cn_arena *a, void *items, int n, int *cap, size_t item) {
  if (n < *cap)
    return items;
  int ncap = *cap ? *cap * 2 : 8;
  void *p = cn_arena_alloc(a, item * (size_t)ncap);
  if (n)
    memcpy(p, items, item * (size_t)n);
  *cap = ncap;
  return p;
}

static void set_attr(cn_fig *f, cn_fig_attrs *at, const char *key,
                     const char *value, int html) {
  for (int i = 0; i < at->n; i++)
    if (strcmp(at->items[i].key, key) == 0) {
      at->items[i].value = cn_arena_strdup(f->arena, value);
      at->items[i].html = html;
      return;
    }
  at->items = grow(f->arena, at->items, at->n, &at->cap, sizeof *at->items);
  cn_fig_attr *a = &at->items[at->n++];
  a->key = cn_arena_strdup(f->arena, key);
  a->value = cn_arena_strdup(f->arena, value);
  a->html = html;
}

void cn_fig_set(cn_fig *f, cn_fig_attrs *at, const char *key,
                const char *value) {
  set_attr(f, at, key, value, 0);
}

void cn_fig_set_html(cn_fig *f, cn_fig_attrs *at, const char *key,
                     const char *value) {
  set_attr(f, at, key, value, 1);
}

void cn_fig_setf(cn_fig *f, cn_fig_attrs *at, const char *key,
                 const char *fmt, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  set_attr(f, at, key, buf, 0);
}

const char *cn_fig_get(const cn_fig_attrs *at, const char *key) {
  for (int i = 0; i < at->n; i++)
    if (strcmp(at->items[i].key, key) == 0)
      return at->items[i].value;
  return NULL;
}

void cn_fig_copy_attrs(cn_fig *f, cn_fig_attrs *dst, const cn_fig_attrs *src) {
  for (int i = 0; i < src->n; i++)
    set_attr(f, dst, src->items[i].key, src->items[i].value,
             src->items[i].html);
}

int cn_fig_add_cluster(cn_fig *f, const char *name) {
  f->clusters.items = grow(f->arena, f->clusters.items, f->clusters.n,
                           &f->clusters.cap, sizeof *f->clusters.items);
  cn_fig_cluster *c = &f->clusters.items[f->clusters.n];
  memset(c, 0, sizeof *c);
  c->name = cn_arena_strdup(f->arena, name);
  return f->clusters.n++;
}

int cn_fig_add_node(cn_fig *f, const char *name, int cluster) {
  f->nodes.items = grow(f->arena, f->nodes.items, f->nodes.n, &f->nodes.cap,
                        sizeof *f->nodes.items);
  cn_fig_node *n = &f->nodes.items[f->nodes.n];
  memset(n, 0, sizeof *n);
  n->name = cn_arena_strdup(f->arena, name);
  n->cluster = cluster;
  return f->nodes.n++;
}

int cn_fig_add_edge(cn_fig *f, int tail, int head, const char *key) {
  f->edges.items = grow(f->arena, f->edges.items, f->edges.n, &f->edges.cap,
                        sizeof *f->edges.items);
  cn_fig_edge *e = &f->edges.items[f->edges.n];
  memset(e, 0, sizeof *e);
  e->tail = tail;
  e->head = head;
  e->key = key ? cn_arena_strdup(f->arena, key) : NULL;
  return f->edges.n++;
}

int cn_fig_find_node(const cn_fig *f, const char *name) {
  for (int i = 0; i < f->nodes.n; i++)
    if (strcmp(f->nodes.items[i].name, name) == 0)
      return i;
  return -1;
}

/* ---- text ---- */

/* What escaper esc writes for text, in the arena. */
static char *escaped(cn_arena *a, void (*esc)(FILE *, const char *),
                     const char *text) {
  char *heap = cn_esc_string(esc, text);
  char *out = cn_arena_strdup(a, heap);
  free(heap);
  return out;
}

char *cn_fig_plain_label(cn_arena *a, const char *text) {
  return escaped(a, cn_esc_dot_label, text);
}

char *cn_fig_html_text(cn_arena *a, const char *text) {
  return escaped(a, cn_esc_html_label, text);
}

double cn_fig_text_width(const char *text, double size) {
  double w = 0;
  size_t n = strlen(text), i = 0;
  while (i < n) {
    int32_t cp;
    size_t k = cn_utf8_decode(text + i, n - i, &cp);
    if (!k) {
      i++;
      continue;
    }
    i += k;
    if (cp >= 0x1100 && (cp <= 0x115F || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                         (cp >= 0xAC00 && cp <= 0xD7A3) ||
                         (cp >= 0xF900 && cp <= 0xFAFF) ||
                         (cp >= 0xFE30 && cp <= 0xFE4F) ||
                         (cp >= 0xFF00 && cp <= 0xFF60) ||
                         (cp >= 0xFFE0 && cp <= 0xFFE6) || cp >= 0x20000))
      w += size;
    else if (cp == ' ' || cp == 'i' || cp == 'l' || cp == '.' || cp == ',')
      w += size * 0.3;
    else
      w += size * 0.6;
  }
  return w;
}
