/* test_fastline.c — the fast lines (lang/fastline.c) against the full
 * scanner and parser: random scripts of tie and actor lines, plain ones and
 * near misses (keywords, quoted and non-NFC names, odd spans, blocks, `;`,
 * comments, lines that go on, brackets left open), are parsed both ways;
 * every statement — its nodes, names and locations — every message and the
 * error count must be the same.  Last line: "N passed, N failed". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"

#include "check.h"

/* ---- statements written out, locations and all ---- */

static void put_loc(FILE *f, const cn_loc *l) {
  fprintf(f, "@%d:%d-%d:%d%s", l->first_line, l->first_column, l->last_line,
          l->last_column, l->src ? "" : "(nosrc)");
}

static void put_ident(FILE *f, const cn_ident *id) {
  fprintf(f, " [%s ", id->name ? id->name->str : "-");
  put_loc(f, &id->loc);
  fputc(']', f);
}

static void put_idents(FILE *f, const cn_idents *l) {
  fprintf(f, " {n=%d set=%d ", l->n, l->is_set);
  put_loc(f, &l->loc);
  for (int i = 0; i < l->n; i++)
    put_ident(f, &l->items[i]);
  fputc('}', f);
}

static void put_span(FILE *f, const cn_ast_span *s) {
  fprintf(f, " span(%d %.17g %.17g", (int)s->kind, s->from, s->to);
  put_ident(f, &s->stage);
  put_loc(f, &s->loc);
  fputc(')', f);
}

static void put_attrs(FILE *f, const cn_attrs *a) {
  if (!a) {
    fputs(" noattrs", f);
    return;
  }
  fprintf(f, " attrs(%d ", a->n);
  put_loc(f, &a->loc);
  fputc(')', f);
}

static long stop_after; /* on_stmt stops the parse after this many (0: never) */
static long stmts_seen;

static int put_stmt(cn_parser *P, cn_ast *s) {
  FILE *f = P->ud;
  if (stop_after && ++stmts_seen >= stop_after)
    P->stop = 1;
  fprintf(f, "stmt %d ", (int)s->kind);
  put_loc(f, &s->loc);
  if (s->kind == CN_AST_TIE) {
    put_idents(f, &s->u.tie.lhs);
    fprintf(f, " op%d ", (int)s->u.tie.op);
    put_loc(f, &s->u.tie.op_loc);
    put_idents(f, &s->u.tie.rhs);
    put_ident(f, &s->u.tie.layer);
    put_span(f, &s->u.tie.span);
    put_attrs(f, s->u.tie.attrs);
  } else if (s->kind == CN_AST_ACTOR) {
    put_idents(f, &s->u.actor.ids);
    put_ident(f, &s->u.actor.kind);
    put_span(f, &s->u.actor.span);
    put_attrs(f, s->u.actor.attrs);
  } else {
    fputc('\n', f);
    cn_ast_dump(f, s);
  }
  fputc('\n', f);
  return 0;
}

static long fast_stmts, shared_stmts; /* of the last parse */

/* How a text is read: by the scanner and parser alone, by the fast lines
 * as a script is, or with the plain lines of a run after the first shared
 * between two threads (lang/fastpar.c) in blocks of `block` bytes. */
enum { SLOW = 1, FAST = 0, SHARED = 2 };
static size_t block = 64;

/* Statements, messages and the error count of text, read as `how` says. */
static char *parse(const char *text, int how) {
  char *out = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&out, &len);
  cn_diag diag;
  cn_diag_init(&diag, f);
  cn_names names;
  cn_intern_init(&names);
  cn_source *src = cn_src_from_text("t.cnet", text, strlen(text), &diag);
  cn_arena scratch;
  cn_arena_init(&scratch);
  cn_parser P;
  memset(&P, 0, sizeof P);
  P.src = src;
  P.names = &names;
  P.diag = &diag;
  P.scratch = &scratch;
  P.on_stmt = put_stmt;
  P.ud = f;
  P.slow = how == SLOW;
  if (how == SHARED) {
    P.parallel_after = 1;
    P.parallel_block = block;
  }
  stmts_seen = 0;
  int errors = cn_parse_source(&P);
  fprintf(f, "errors %d incomplete %d\n", errors, P.incomplete);
  fast_stmts = P.fast_stmts;
  shared_stmts = P.shared_stmts;
  fclose(f);
  cn_arena_free(&scratch);
  cn_src_free(src);
  cn_intern_free(&names);
  return out;
}

/* ---- random lines ---- */

static const char *pick(const char *const *list, size_t n) {
  return list[(size_t)rand() % n];
}
#define PICK(list) pick(list, sizeof list / sizeof *list)

static const char *const names[] = {
    "a", "b1", "_x", "企业3", "何竹贤", "B县政府", "é", "e\xCC\x81", "in",
    "actor", "layer", "true", "not", "3M", "\"q r\"", "a'b", "\xEF\xBD\x82",
    "x\xC2\xB7y", "Z", "交易", "a1990", "ab_9", "ĳ", "k"};
static const char *const ops[] = {"--", "->", "<-", "--", "->", "-",
                                  "-->", "<->", "=>", "- -"};
static const char *const layers[] = {"", "", " : L", ":L", " :交易", " : ",
                                     " : in", " : \"L\"", " : 政策", ": é"};
static const char *const spans[] = {
    "", "", " 1990", " 1990..2000", " 1990..", " ..1990", " 1990 .. 2000",
    " 1990...2000", " 1990.5", " 1e3", " 1990x", " 12345678901234567",
    " ..", " in S", " 0..0", " 2000..1990", " 0001990", " 1990.", " ..x"};
static const char *const tails[] = {
    "", "", "", " # note", "\r", " {weight = 2}", ";", "; x -- y : L",
    ",", " |", "  \t", " #", " )", " (", " {"};
static const char *const spaces[] = {" ", " ", "\t", "", "  "};
static const char *const others[] = {"", "# comment", "  ", "\t# x",
                                     "f(", ")", "let k = 1"};
static const char *const actor_words[] = {"actor ", "actor\t", "actors ",
                                          "actor", " actor  "};
static const char *const commas[] = {", ", ",", " , ", " "};
static const char *const actor_tails[] = {" : k", " 1990..", ","};

static void add(char *buf, size_t cap, const char *s) {
  size_t n = strlen(buf);
  snprintf(buf + n, cap - n, "%s", s);
}

static void random_line(char *buf, size_t cap) {
  int r = rand() % 10;
  if (r == 0) {
    add(buf, cap, PICK(others));
  } else if (r <= 2) {
    add(buf, cap, PICK(actor_words));
    int n = 1 + rand() % 4;
    for (int i = 0; i < n; i++) {
      if (i)
        add(buf, cap, PICK(commas));
      add(buf, cap, PICK(names));
    }
    if (rand() % 6 == 0)
      add(buf, cap, PICK(actor_tails));
  } else {
    if (rand() % 8 == 0)
      add(buf, cap, PICK(spaces));
    add(buf, cap, PICK(names));
    add(buf, cap, PICK(spaces));
    add(buf, cap, PICK(ops));
    add(buf, cap, PICK(spaces));
    add(buf, cap, PICK(names));
    add(buf, cap, PICK(layers));
    add(buf, cap, PICK(spans));
  }
  add(buf, cap, PICK(tails));
}

static void test_random_scripts(void) {
  srand(20261203);
  int differ = 0;
  long taken = 0;
  for (int round = 0; round < 3000; round++) {
    char text[4096] = "";
    int lines = 1 + rand() % 12;
    for (int i = 0; i < lines; i++) {
      random_line(text, sizeof text - 200);
      if (i < lines - 1 || rand() % 4)
        add(text, sizeof text, "\n");
    }
    char *fast = parse(text, 0);
    taken += fast_stmts;
    char *slow = parse(text, 1);
    int same = strcmp(fast, slow) == 0;
    CHECK(same);
    if (!same && differ++ < 3)
      printf("script:\n%s\n--- fast:\n%s--- slow:\n%s", text, fast, slow);
    free(fast);
    free(slow);
  }
  CHECK(taken > 1000); /* the comparison is not of the parser with itself */
}

/* A plain line, mostly: long runs of them are what two threads share. */
static void plain_mostly_line(char *buf, size_t cap) {
  static const char *const plain[] = {"a", "b1", "_x", "企业3", "何竹贤",
                                      "B县政府", "Z", "交易", "a1990", "k"};
  int r = rand() % 20;
  if (r == 0) {
    random_line(buf, cap); /* a near miss, or anything */
  } else if (r == 1) {
    add(buf, cap, PICK(others));
  } else if (r == 2) {
    add(buf, cap, "actor ");
    add(buf, cap, PICK(plain));
    add(buf, cap, ", ");
    add(buf, cap, PICK(plain));
  } else {
    add(buf, cap, PICK(plain));
    add(buf, cap, PICK(spaces));
    add(buf, cap, PICK(ops));
    add(buf, cap, " ");
    add(buf, cap, PICK(plain));
    add(buf, cap, rand() % 2 ? " : L" : " :交易");
    if (rand() % 4 == 0)
      add(buf, cap, PICK(spans));
    if (rand() % 8 == 0)
      add(buf, cap, " # c");
  }
}

/* Scripts of long runs of plain lines read with two threads in blocks of
 * 1 to 80 bytes (a block is at least one line): the same statements,
 * messages and errors as the scanner and parser make, and as the fast
 * lines make one at a time; also when on_stmt stops the parse early. */
static void test_shared_blocks(void) {
  srand(20261204);
  int differ = 0;
  long shared = 0;
  for (int round = 0; round < 1500; round++) {
    static char text[32768];
    text[0] = '\0';
    int lines = 1 + rand() % 200;
    for (int i = 0; i < lines; i++) {
      plain_mostly_line(text, sizeof text - 200);
      if (i < lines - 1 || rand() % 4)
        add(text, sizeof text, "\n");
    }
    block = 1 + (size_t)(rand() % 80);
    stop_after = rand() % 4 == 0 ? 1 + rand() % (lines + 1) : 0;
    char *two = parse(text, SHARED);
    shared += shared_stmts;
    char *one = parse(text, FAST);
    CHECK(shared_stmts == 0);
    char *slow = parse(text, SLOW);
    int same = strcmp(two, slow) == 0 && strcmp(one, slow) == 0;
    CHECK(same);
    if (!same && differ++ < 3)
      printf("script (blocks of %zu bytes, stop after %ld):\n%s\n"
             "--- two threads:\n%s--- one:\n%s--- slow:\n%s",
             block, stop_after, text, two, one, slow);
    free(two);
    free(one);
    free(slow);
  }
  stop_after = 0;
  CHECK(shared > 10000); /* the blocks were read by fastpar.c */
}

/* The plain lines are taken fast, and make the statements they should. */
static void test_plain_lines(void) {
  const char *text = "actor a, 企业3\na -- 企业3 : L 1990..2000 # x\n\n"
                     "企业3 <- a\t:L ..1995\na -> 企业3 1997\n";
  char *fast = parse(text, 0);
  CHECK(fast_stmts == 4); /* every statement here is plain */
  char *slow = parse(text, 1);
  CHECK(fast_stmts == 0);
  CHECK(strcmp(fast, slow) == 0);
  CHECK(strstr(fast, "errors 0") != NULL);
  CHECK(strstr(fast, "stmt 5 @5:1-5:14 {n=1 set=0 @5:1-5:2 [a @5:1-5:2]} "
                     "op1 @5:3-5:5") != NULL);
  CHECK(strstr(fast, "[企业3 @2:6-2:9]") != NULL);
  free(fast);
  free(slow);
}

int main(void) {
  test_plain_lines();
  test_random_scripts();
  test_shared_blocks();
  printf("%d passed, %d failed\n", passed, failed);
  return failed != 0;
}
