/* intern.h — interned names: equal names are the same cn_name pointer.
 *
 * Each name also carries one slot per namespace of the case (actor, layer,
 * kind, stage, group, binding), so that resolving a name is a pointer
 * dereference instead of a hash look-up per namespace. */
#ifndef CN_INTERN_H
#define CN_INTERN_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

enum cn_ns {
  CN_NS_ACTOR,
  CN_NS_LAYER,
  CN_NS_KIND,
  CN_NS_STAGE,
  CN_NS_GROUP,
  CN_NS_COUNT
};

typedef struct cn_name {
  const char *str;           /* UTF-8 bytes; NFC when read from a script
                                or a spreadsheet */
  uint32_t len;
  uint32_t hash;
  int32_t slot[CN_NS_COUNT]; /* index in that namespace of the case, or -1 */
  struct cn_name *nfc;       /* the same name in NFC once cn_intern_nfc
                                has asked (itself when it is NFC), or NULL */
} cn_name;

/* A slot of the table: the name's hash beside it, so that a probe reads one
 * cache line and skips records of other names without touching them. */
typedef struct cn_intern_slot {
  uint32_t hash;
  cn_name *name; /* NULL: empty */
} cn_intern_slot;

typedef struct cn_intern {
  cn_arena arena;        /* owns the cn_name records and their bytes */
  cn_intern_slot *table; /* open addressing, power-of-two size */
  size_t cap, count;
  char *bulk;            /* a large table's records are cut from here */
  size_t bulk_left;
} cn_names;

void cn_intern_init(cn_names *t);
void cn_intern_free(cn_names *t);
/// The unique name for s[0..len); created (with empty slots) if new.
cn_name *cn_intern(cn_names *t, const char *s, size_t len);
cn_name *cn_intern_cstr(cn_names *t, const char *s);
/// The same, for a caller that hashed s as it read it (cn_intern_hash_step
/// from CN_INTERN_HASH0 over every byte): h must be that hash.
cn_name *cn_intern_hashed(cn_names *t, const char *s, size_t len, uint32_t h);
/// The name for s[0..len) in Unicode normal form C — the form every name
/// read from a script or a spreadsheet is kept in.  utf8proc is asked once
/// per spelling (s itself is interned too, to remember the answer).
cn_name *cn_intern_nfc(cn_names *t, const char *s, size_t len);
/// Hint that a name of this hash will be looked up soon: stage 1 fetches
/// its table slot into the cache, stage 2 (once that is cached) its record.
void cn_intern_prefetch(const cn_names *t, uint32_t hash, int stage);
/// The hash cn_intern uses (FNV-1a), for callers that hash as they scan.
#define CN_INTERN_HASH0 2166136261u
static inline uint32_t cn_intern_hash_step(uint32_t h, unsigned char b) {
  return (h ^ b) * 16777619u;
}
/// The name if it exists, else NULL (never creates one).
cn_name *cn_intern_find(const cn_names *t, const char *s, size_t len);
cn_name *cn_intern_find_hashed(const cn_names *t, const char *s, size_t len,
                               uint32_t h);
/// Visit every name (used for suggestions and REPL completion).
void cn_intern_each(const cn_names *t, void (*fn)(cn_name *, void *), void *ud);

/// A set of names, each with a number (a column's index …): finding one
/// costs the same however many there are.
typedef struct cn_name_map {
  const cn_name **keys; /* open addressing on name->hash, power-of-two size */
  int *vals;
  size_t cap, count;
} cn_name_map;
void cn_name_map_free(cn_name_map *m);
/// The number of name, or -1 if it is not in the map.
int cn_name_map_get(const cn_name_map *m, const cn_name *name);
/// Add name with number val unless it is there; returns its number (the
/// earlier one when it was there).
int cn_name_map_add(cn_name_map *m, const cn_name *name, int val);

#endif
