/* intern.c — open-addressing table of interned names. */
#define _DEFAULT_SOURCE /* MADV_HUGEPAGE */
#include "intern.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "utf8.h"

static uint32_t hash_bytes(const char *s, size_t len) {
  uint32_t h = CN_INTERN_HASH0; /* FNV-1a */
  for (size_t i = 0; i < len; i++)
    h = cn_intern_hash_step(h, (unsigned char)s[i]);
  return h;
}

void cn_intern_init(cn_names *t) {
  memset(t, 0, sizeof *t);
  cn_arena_init(&t->arena);
  t->cap = 256;
  t->table = cn_xcalloc(t->cap, sizeof *t->table);
}

void cn_intern_free(cn_names *t) {
  free(t->table);
  cn_arena_free(&t->arena);
  memset(t, 0, sizeof *t);
}

/* ---- memory for a large table ----
 * A case of a million actors looks two names up per tie line: each a read
 * of the table and of the name's record, at random places in some 100 MB.
 * With 4 KB pages nearly every one of those reads also misses the TLB (a
 * page walk, dearer still in a virtual machine).  Once the table is large,
 * it and the records made from then on are kept in 2 MB blocks marked for
 * huge pages (a hint: the system may decline), each record with its bytes
 * in one cache line when they fit in it. */
enum { LARGE_CAP = 1 << 17, HUGE_PAGE = 2 << 20, LINE = 64 };

static void *huge_zalloc(size_t size) {
  void *p = NULL;
  if (posix_memalign(&p, HUGE_PAGE, size) != 0)
    cn_out_of_memory(size);
  madvise(p, size, MADV_HUGEPAGE);
  return memset(p, 0, size);
}

static cn_intern_slot *new_table(size_t cap) {
  return cap >= LARGE_CAP ? huge_zalloc(cap * sizeof(cn_intern_slot))
                          : cn_xcalloc(cap, sizeof(cn_intern_slot));
}

/* A record for the name s[0..len), its bytes copied after it. */
static cn_name *new_record(cn_names *t, const char *s, size_t len) {
  if (t->cap < LARGE_CAP) {
    cn_name *n = cn_arena_alloc(&t->arena, sizeof *n);
    n->str = cn_arena_strndup(&t->arena, s, len);
    return n;
  }
  size_t size = (sizeof(cn_name) + len + 1 + LINE - 1) / LINE * LINE;
  if (t->bulk_left < size) {
    size_t chunk = (size + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
    t->bulk = huge_zalloc(chunk);
    t->bulk_left = chunk;
    cn_arena_defer(&t->arena, free, t->bulk);
  }
  cn_name *n = (cn_name *)(void *)t->bulk;
  char *bytes = t->bulk + sizeof *n;
  memcpy(bytes, s, len);
  bytes[len] = '\0';
  n->str = bytes;
  t->bulk += size;
  t->bulk_left -= size;
  return n;
}

static size_t find_slot(const cn_intern_slot *table, size_t cap, const char *s,
                        size_t len, uint32_t h) {
  size_t i = h & (cap - 1);
  for (;;) {
    const cn_name *n = table[i].name;
    if (!n ||
        (table[i].hash == h && n->len == len && memcmp(n->str, s, len) == 0))
      return i;
    i = (i + 1) & (cap - 1);
  }
}

static void grow(cn_names *t) {
  size_t cap = t->cap * 2;
  cn_intern_slot *table = new_table(cap);
  for (size_t i = 0; i < t->cap; i++) {
    cn_name *n = t->table[i].name;
    if (n) {
      size_t j = find_slot(table, cap, n->str, n->len, n->hash);
      table[j].name = n;
      table[j].hash = n->hash;
    }
  }
  free(t->table);
  t->table = table;
  t->cap = cap;
}

cn_name *cn_intern_find_hashed(const cn_names *t, const char *s, size_t len,
                               uint32_t h) {
  return t->table[find_slot(t->table, t->cap, s, len, h)].name;
}

cn_name *cn_intern_find(const cn_names *t, const char *s, size_t len) {
  return cn_intern_find_hashed(t, s, len, hash_bytes(s, len));
}

cn_name *cn_intern(cn_names *t, const char *s, size_t len) {
  return cn_intern_hashed(t, s, len, hash_bytes(s, len));
}

cn_name *cn_intern_hashed(cn_names *t, const char *s, size_t len, uint32_t h) {
  size_t i = find_slot(t->table, t->cap, s, len, h);
  if (t->table[i].name)
    return t->table[i].name;
  if ((t->count + 1) * 4 > t->cap * 3) {
    grow(t);
    i = find_slot(t->table, t->cap, s, len, h);
  }
  cn_name *n = new_record(t, s, len);
  n->len = (uint32_t)len;
  n->hash = h;
  for (int k = 0; k < CN_NS_COUNT; k++)
    n->slot[k] = -1;
  t->table[i].name = n;
  t->table[i].hash = h;
  t->count++;
  return n;
}

cn_name *cn_intern_nfc(cn_names *t, const char *s, size_t len) {
  cn_name *raw = cn_intern(t, s, len);
  if (raw->nfc)
    return raw->nfc; /* asked before */
  size_t m;
  char *nfc = cn_utf8_nfc(s, len, &m);
  raw->nfc = nfc ? cn_intern(t, nfc, m) : raw;
  raw->nfc->nfc = raw->nfc;
  free(nfc);
  return raw->nfc;
}

cn_name *cn_intern_cstr(cn_names *t, const char *s) {
  return cn_intern(t, s, strlen(s));
}

void cn_intern_each(const cn_names *t, void (*fn)(cn_name *, void *),
                    void *ud) {
  for (size_t i = 0; i < t->cap; i++)
    if (t->table[i].name)
      fn(t->table[i].name, ud);
}

void cn_intern_prefetch(const cn_names *t, uint32_t h, int stage) {
  size_t i = h & (t->cap - 1);
  if (stage == 1)
    __builtin_prefetch(&t->table[i]);
  else if (t->table[i].name)
    __builtin_prefetch(t->table[i].name);
}

/* ---- sets of names ---- */

void cn_name_map_free(cn_name_map *m) {
  free(m->keys);
  free(m->vals);
  memset(m, 0, sizeof *m);
}

static size_t map_slot(const cn_name_map *m, const cn_name *name) {
  size_t i = name->hash & (m->cap - 1);
  while (m->keys[i] && m->keys[i] != name)
    i = (i + 1) & (m->cap - 1);
  return i;
}

int cn_name_map_get(const cn_name_map *m, const cn_name *name) {
  if (!m->cap)
    return -1;
  size_t i = map_slot(m, name);
  return m->keys[i] ? m->vals[i] : -1;
}

int cn_name_map_add(cn_name_map *m, const cn_name *name, int val) {
  if (2 * (m->count + 1) > m->cap) { /* at most half full */
    cn_name_map old = *m;
    m->cap = old.cap ? old.cap * 2 : 16;
    m->keys = cn_xcalloc(m->cap, sizeof *m->keys);
    m->vals = cn_xcalloc(m->cap, sizeof *m->vals);
    for (size_t i = 0; i < old.cap; i++)
      if (old.keys[i]) {
        size_t j = map_slot(m, old.keys[i]);
        m->keys[j] = old.keys[i];
        m->vals[j] = old.vals[i];
      }
    free(old.keys);
    free(old.vals);
  }
  size_t i = map_slot(m, name);
  if (m->keys[i])
    return m->vals[i];
  m->keys[i] = name;
  m->vals[i] = val;
  m->count++;
  return val;
}
