/* arena.c — bump allocator with cleanup callbacks, and the exiting malloc. */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cn_arena_block {
  cn_arena_block *next;
  size_t size, used;
  max_align_t data[]; /* the usable bytes */
};

struct cn_arena_defer {
  cn_arena_defer_t *next;
  void (*fn)(void *);
  void *ptr;
};

enum { BLOCK_MIN = 64 * 1024 };

static void (*oom_where)(FILE *);

void cn_out_of_memory_where(void (*where)(FILE *)) { oom_where = where; }

_Noreturn void cn_out_of_memory(size_t size) {
  if (oom_where) /* "FILE:LINE:COL: " of what was running */
    oom_where(stderr);
  else
    fputs("cnet: ", stderr);
  fprintf(stderr, "out of memory (asked for %zu bytes)\n", size);
  exit(70);
}

void *cn_xmalloc(size_t size) {
  void *p = malloc(size ? size : 1);
  if (!p)
    cn_out_of_memory(size);
  return p;
}

void *cn_xcalloc(size_t n, size_t size) {
  void *p = calloc(n ? n : 1, size ? size : 1);
  if (!p)
    cn_out_of_memory(n * size);
  return p;
}

void *cn_xrealloc(void *p, size_t size) {
  void *q = realloc(p, size ? size : 1);
  if (!q)
    cn_out_of_memory(size);
  return q;
}

char *cn_xstrdup(const char *s) {
  size_t n = strlen(s) + 1;
  return memcpy(cn_xmalloc(n), s, n);
}

void *cn_xgrow(void *p, size_t *cap, size_t need, size_t item) {
  if (need <= *cap)
    return p;
  size_t c = *cap ? *cap : 8;
  while (c < need)
    c *= 2;
  if (c > SIZE_MAX / item)
    cn_out_of_memory(SIZE_MAX);
  *cap = c;
  return cn_xrealloc(p, c * item);
}

void cn_arena_init(cn_arena *a) { memset(a, 0, sizeof *a); }

void *cn_arena_alloc(cn_arena *a, size_t size) {
  const size_t align = sizeof(max_align_t);
  size = (size + align - 1) / align * align;
  cn_arena_block *b = a->head;
  if (!b || b->size - b->used < size) {
    size_t bsize = size > BLOCK_MIN ? size : BLOCK_MIN;
    b = cn_xmalloc(sizeof *b + bsize);
    b->size = bsize;
    b->used = 0;
    b->next = a->head;
    a->head = b;
  }
  void *p = (char *)b->data + b->used;
  b->used += size;
  a->used += size;
  memset(p, 0, size);
  return p;
}

char *cn_arena_strndup(cn_arena *a, const char *s, size_t len) {
  char *p = cn_arena_alloc(a, len + 1);
  memcpy(p, s, len);
  p[len] = '\0';
  return p;
}

char *cn_arena_strdup(cn_arena *a, const char *s) {
  return cn_arena_strndup(a, s, strlen(s));
}

char *cn_arena_printf(cn_arena *a, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  char *p = cn_arena_alloc(a, (size_t)(n < 0 ? 0 : n) + 1);
  va_start(ap, fmt);
  vsnprintf(p, (size_t)n + 1, fmt, ap);
  va_end(ap);
  return p;
}

void cn_arena_defer(cn_arena *a, void (*fn)(void *), void *ptr) {
  cn_arena_defer_t *d = cn_xmalloc(sizeof *d);
  d->fn = fn;
  d->ptr = ptr;
  d->next = a->defers;
  a->defers = d;
}

void cn_arena_free(cn_arena *a) {
  while (a->defers) {
    cn_arena_defer_t *d = a->defers;
    a->defers = d->next;
    d->fn(d->ptr);
    free(d);
  }
  while (a->head) {
    cn_arena_block *b = a->head;
    a->head = b->next;
    free(b);
  }
  a->used = 0;
}

void cn_arena_reset(cn_arena *a) {
  cn_arena_block *keep = a->head;
  if (keep) {
    a->head = keep->next;
    keep->next = NULL;
  }
  cn_arena_free(a);
  if (keep) {
    keep->used = 0;
    a->head = keep;
  }
}

void cn_arena_adopt(cn_arena *to, cn_arena *from) {
  /* Blocks: append from's list after to's newest block so that to keeps
   * allocating in its own current block. */
  if (from->head) {
    cn_arena_block *tail = from->head;
    while (tail->next)
      tail = tail->next;
    if (to->head) {
      tail->next = to->head->next;
      to->head->next = from->head;
    } else {
      to->head = from->head;
    }
  }
  if (from->defers) {
    cn_arena_defer_t *tail = from->defers;
    while (tail->next)
      tail = tail->next;
    tail->next = to->defers;
    to->defers = from->defers;
  }
  to->used += from->used;
  from->head = NULL;
  from->defers = NULL;
  from->used = 0;
}
