/* test_lang.c — unit tests of the front end's foundations: the arena, the
 * name table and the UTF-8 helpers.  Last line: "N passed, N failed". */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "intern.h"
#include "utf8.h"
#include "check.h"

/* ---- arena ---- */

static char order[8];
static int norder;
static void note(void *p) { order[norder++] = *(char *)p; }

static void test_arena(void) {
  cn_arena a;
  cn_arena_init(&a);
  CHECK(a.head == NULL && a.used == 0);
  /* aligned for any object and zero-filled, small and large */
  for (size_t size = 1; size < 100000; size = size * 3 + 1) {
    unsigned char *p = cn_arena_alloc(&a, size);
    CHECK(((uintptr_t)p % _Alignof(max_align_t)) == 0);
    int zero = 1;
    for (size_t i = 0; i < size; i++)
      zero &= p[i] == 0;
    CHECK(zero);
    memset(p, 0xAB, size); /* the next allocation must not overlap */
  }
  char *s = cn_arena_strndup(&a, "何竹贤xyz", 9);
  CHECK(strcmp(s, "何竹贤") == 0);
  CHECK(strcmp(cn_arena_strdup(&a, ""), "") == 0);
  char *f = cn_arena_printf(&a, "%s=%d", "n", 42);
  CHECK(strcmp(f, "n=42") == 0);
  /* a long printf is not truncated */
  char *big = cn_arena_printf(&a, "%5000d", 7);
  CHECK(strlen(big) == 5000 && big[4999] == '7');
  /* cleanups run newest first, once */
  static char x = 'x', y = 'y', z = 'z';
  cn_arena_defer(&a, note, &x);
  cn_arena_defer(&a, note, &y);
  cn_arena_defer(&a, note, &z);
  cn_arena_free(&a);
  CHECK(norder == 3 && memcmp(order, "zyx", 3) == 0);
  CHECK(a.head == NULL && a.defers == NULL);
  cn_arena_free(&a); /* freeing an empty arena is harmless */
  CHECK(norder == 3);

  /* reset keeps the arena usable and runs its cleanups */
  norder = 0;
  cn_arena_alloc(&a, 10);
  cn_arena_defer(&a, note, &x);
  cn_arena_reset(&a);
  CHECK(norder == 1);
  int *after = cn_arena_alloc(&a, sizeof *after * 4);
  CHECK(after[0] == 0 && after[3] == 0);

  /* adopt moves blocks and cleanups: they run when the adopter is freed */
  cn_arena b;
  cn_arena_init(&b);
  char *kept = cn_arena_strdup(&b, "kept");
  cn_arena_defer(&b, note, &y);
  norder = 0;
  cn_arena_adopt(&a, &b);
  CHECK(b.head == NULL && b.defers == NULL);
  cn_arena_free(&b);
  CHECK(norder == 0 && strcmp(kept, "kept") == 0);
  cn_arena_free(&a);
  CHECK(norder == 1 && order[0] == 'y');

  size_t cap = 0;
  int *v = NULL;
  v = cn_xgrow(v, &cap, 1000, sizeof *v);
  CHECK(cap >= 1000);
  v[999] = 1;
  size_t before = cap;
  v = cn_xgrow(v, &cap, 10, sizeof *v); /* never shrinks */
  CHECK(cap == before && v[999] == 1);
  free(v);
}

/* ---- interned names ---- */

static void count_each(cn_name *n, void *ud) {
  (void)n;
  (*(size_t *)ud)++;
}

static void test_intern(void) {
  cn_names t;
  cn_intern_init(&t);
  cn_name *a = cn_intern_cstr(&t, "B县政府");
  cn_name *b = cn_intern(&t, "B县政府并", strlen("B县政府"));
  CHECK(a == b);
  CHECK(a->len == strlen("B县政府") && strcmp(a->str, "B县政府") == 0);
  for (int ns = 0; ns < CN_NS_COUNT; ns++)
    CHECK(a->slot[ns] == -1);
  CHECK(cn_intern_find(&t, "B县政府", strlen("B县政府")) == a);
  CHECK(cn_intern_find(&t, "B县", strlen("B县")) == NULL);
  /* a name is its bytes: an embedded NUL, or a prefix, is another name */
  cn_name *nul = cn_intern(&t, "a\0b", 3);
  CHECK(nul != cn_intern(&t, "a", 1) && nul->len == 3);
  /* growth keeps every name where it was */
  char buf[32];
  cn_name *first = NULL;
  for (int i = 0; i < 50000; i++) {
    snprintf(buf, sizeof buf, "n%d", i);
    cn_name *n = cn_intern_cstr(&t, buf);
    if (i == 0)
      first = n;
  }
  CHECK(cn_intern_cstr(&t, "n0") == first);
  CHECK(cn_intern_find(&t, "n49999", 6) != NULL);
  CHECK(cn_intern_find(&t, "n50000", 6) == NULL);
  CHECK(cn_intern_cstr(&t, "B县政府") == a);
  size_t seen = 0;
  cn_intern_each(&t, count_each, &seen);
  CHECK(seen == t.count && seen == 50000 + 3);
  /* the hash is the documented FNV-1a, so scanners can hash as they go */
  uint32_t h = CN_INTERN_HASH0;
  for (const char *p = "B县政府"; *p; p++)
    h = cn_intern_hash_step(h, (unsigned char)*p);
  CHECK(a->hash == h);
  CHECK(cn_intern_hashed(&t, "B县政府", strlen("B县政府"), h) == a);
  CHECK(cn_intern_find_hashed(&t, "B县政府", strlen("B县政府"), h) == a);
  cn_intern_free(&t);
}

/* A large table keeps its records in blocks of its own (huge pages): every
 * name, short or long, keeps its record, bytes and slots as the table
 * grows, and is found again. */
static void test_intern_large(void) {
  cn_names t;
  cn_intern_init(&t);
  enum { N = 300000 };
  static cn_name *made[N];
  char buf[600];
  int bad = 0;
  for (int i = 0; i < N; i++) {
    /* every 1000th name is longer than a cache line, one 520 bytes */
    int pad = i % 1000 == 7 ? 80 : i == 123457 ? 500 : 0;
    snprintf(buf, sizeof buf, "企业%d%*s", i, pad, "");
    made[i] = cn_intern_cstr(&t, buf);
    made[i]->slot[CN_NS_ACTOR] = i;
  }
  CHECK(t.cap >= 1 << 18); /* past the size where records go in blocks */
  for (int i = 0; i < N; i++) {
    int pad = i % 1000 == 7 ? 80 : i == 123457 ? 500 : 0;
    snprintf(buf, sizeof buf, "企业%d%*s", i, pad, "");
    cn_name *n = cn_intern_find(&t, buf, strlen(buf));
    bad += n != made[i] || strcmp(n->str, buf) != 0 ||
           n->len != strlen(buf) || n->slot[CN_NS_ACTOR] != i ||
           n->slot[CN_NS_LAYER] != -1 || n->nfc != NULL;
  }
  CHECK(bad == 0);
  CHECK(t.count == N);
  cn_intern_free(&t);
}

/* ---- UTF-8 ---- */

static void test_utf8(void) {
  int32_t cp;
  CHECK(cn_utf8_decode("A", 1, &cp) == 1 && cp == 'A');
  CHECK(cn_utf8_decode("\xC3\xA9", 2, &cp) == 2 && cp == 0xE9);
  CHECK(cn_utf8_decode("何", 3, &cp) == 3 && cp == 0x4F55);
  CHECK(cn_utf8_decode("\xF0\x9F\x98\x80", 4, &cp) == 4 && cp == 0x1F600);
  /* invalid: overlong, surrogate, beyond U+10FFFF, truncated, stray */
  CHECK(cn_utf8_decode("\xC0\xAF", 2, &cp) == 0);
  CHECK(cn_utf8_decode("\xE0\x80\xAF", 3, &cp) == 0);
  CHECK(cn_utf8_decode("\xED\xA0\x80", 3, &cp) == 0);
  CHECK(cn_utf8_decode("\xF4\x90\x80\x80", 4, &cp) == 0);
  CHECK(cn_utf8_decode("\xE4\xBD", 2, &cp) == 0);
  CHECK(cn_utf8_decode("\x80", 1, &cp) == 0);
  CHECK(cn_utf8_decode("\xFF", 1, &cp) == 0);
  /* every scalar value encodes and decodes to itself */
  int roundtrip = 1;
  for (int32_t c = 0; c <= 0x10FFFF; c++) {
    if (c >= 0xD800 && c <= 0xDFFF)
      continue;
    char out[4];
    size_t len = cn_utf8_encode(c, out);
    int32_t back = -1;
    roundtrip &= len >= 1 && len <= 4 && cn_utf8_decode(out, len, &back) == len &&
                 back == c && cn_utf8_validate(out, len) == len;
  }
  CHECK(roundtrip);
  CHECK(cn_utf8_validate("ab\xC3", 3) == 2);
  CHECK(cn_utf8_validate("何x\xFFy", 6) == 4);
  CHECK(cn_utf8_validate("", 0) == 0);
  CHECK(cn_utf8_count("何竹贤ab", strlen("何竹贤ab")) == 5);
  /* display widths: CJK and full-width 2, combining marks 0 */
  CHECK(cn_utf8_width('a') == 1);
  CHECK(cn_utf8_width(0x4F55) == 2);
  CHECK(cn_utf8_width(0xFF1B) == 2);
  CHECK(cn_utf8_width(0x0301) == 0);
  CHECK(cn_utf8_str_width("何竹贤ab", strlen("何竹贤ab")) == 8);
  CHECK(cn_utf8_str_width("a\xFF", 2) == 5);
  /* identifiers: letters of any script, digits not first */
  CHECK(cn_utf8_ident_ok('a', 1) && cn_utf8_ident_ok(0x4F55, 1));
  CHECK(cn_utf8_ident_ok('7', 0) && !cn_utf8_ident_ok('7', 1));
  CHECK(!cn_utf8_ident_ok(' ', 0) && !cn_utf8_ident_ok(0xFF1B, 0));
  /* punctuation typed with a Chinese input method */
  CHECK(cn_utf8_ascii_twin(0xFF0C) == ',');
  CHECK(cn_utf8_ascii_twin(0xFF1B) == ';');
  CHECK(cn_utf8_ascii_twin(0xFF08) == '(');
  CHECK(cn_utf8_ascii_twin('a') == 0 && cn_utf8_ascii_twin(0x4F55) == 0);
}

int main(void) {
  test_arena();
  test_intern();
  test_intern_large();
  test_utf8();
  printf("%d passed, %d failed\n", passed, failed);
  return failed != 0;
}
