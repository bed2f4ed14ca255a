/* test_lex.c — unit tests of what lang/ tells tools about its lexical
 * facts: the keyword table (every keyword in it is one, whatever its
 * spelling) and cn_lex_tokens, the scanner run over a text as REPL
 * completion runs it.  Last line: "N passed, N failed". */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "lang.h"

#include "check.h"

/* ---- the keyword table ---- */

static void test_keywords(void) {
  int n = 0, anywhere = 0;
  for (int k = 0; cn_keywords[k].word; k++, n++) {
    const char *w = cn_keywords[k].word;
    int want = cn_keywords[k].anywhere ? 2 : 1;
    anywhere += cn_keywords[k].anywhere;
    if (cn_lex_keyword(w, strlen(w)) != want) {
      printf("FAIL: keyword '%s' not recognised\n", w);
      failed++;
    } else {
      passed++;
    }
    /* a longer or shorter word is a plain name */
    char longer[64];
    snprintf(longer, sizeof longer, "%sx", w);
    CHECK(cn_lex_keyword(longer, strlen(longer)) == 0);
    CHECK(cn_lex_keyword(w, strlen(w) - 1) == 0);
  }
  CHECK(n == 19 && anywhere == 8); /* the language's keywords, as documented */
  CHECK(cn_lex_keyword("actor", 5) == 1 && cn_lex_keyword("in", 2) == 2);
  CHECK(cn_lex_keyword("何竹贤", strlen("何竹贤")) == 0);
  CHECK(cn_lex_keyword("z", 1) == 0 && cn_lex_keyword("", 0) == 0);
  CHECK(cn_lex_keyword("Actor", 5) == 0); /* keywords are lower case */
  CHECK(cn_lex_keyword("actorsx", 5) == 1); /* only s[0..n) counts */
}

/* ---- tokens ---- */

typedef struct seen {
  const char *text;
  cn_token tok[32];
  int n;
} seen;

static void keep(const cn_token *t, void *ud) {
  seen *s = ud;
  if (s->n < 32)
    s->tok[s->n] = *t;
  s->n++;
}

static int is(const seen *s, int i, cn_token_kind kind, const char *text,
              int depth) {
  const cn_token *t = &s->tok[i];
  size_t n = strlen(text);
  return i < s->n && t->kind == kind && t->end - t->start == n &&
         memcmp(s->text + t->start, text, n) == 0 && t->depth == depth;
}

static seen scan(const char *text) {
  seen s;
  memset(&s, 0, sizeof s);
  s.text = text;
  size_t n = cn_lex_tokens(text, strlen(text), keep, &s);
  CHECK(n == (size_t)s.n);
  return s;
}

static void test_tokens(void) {
  seen s = scan("degree(何竹贤, mode=\"in\") # a comment\nx");
  CHECK(s.n == 10);
  CHECK(is(&s, 0, CN_TOK_NAME, "degree", 0));
  CHECK(is(&s, 1, CN_TOK_PUNCT, "(", 1));
  CHECK(is(&s, 2, CN_TOK_NAME, "何竹贤", 1));
  CHECK(is(&s, 3, CN_TOK_PUNCT, ",", 1));
  CHECK(is(&s, 4, CN_TOK_NAME, "mode", 1));
  CHECK(is(&s, 5, CN_TOK_PUNCT, "=", 1));
  CHECK(is(&s, 6, CN_TOK_STRING, "\"in\"", 1));
  CHECK(is(&s, 7, CN_TOK_PUNCT, ")", 0));
  CHECK(is(&s, 8, CN_TOK_END, "\n", 0)); /* the line break ends it */
  CHECK(is(&s, 9, CN_TOK_NAME, "x", 0));

  /* a keyword that only starts statements is a name elsewhere; a line
   * break after an operator or inside brackets ends nothing */
  s = scan("actor a\nx = actor |\n[1,\n2]");
  CHECK(is(&s, 0, CN_TOK_KEYWORD, "actor", 0));
  CHECK(is(&s, 2, CN_TOK_END, "\n", 0));
  CHECK(is(&s, 5, CN_TOK_NAME, "actor", 0));
  CHECK(is(&s, 6, CN_TOK_PUNCT, "|", 0));
  CHECK(is(&s, 7, CN_TOK_PUNCT, "[", 1));
  CHECK(is(&s, 8, CN_TOK_NUMBER, "1", 1));
  CHECK(is(&s, 10, CN_TOK_NUMBER, "2", 1));
  CHECK(s.n == 12);

  /* multi-character operators, keywords anywhere, an unfinished text */
  s = scan("a -> b..c != not in (");
  CHECK(is(&s, 1, CN_TOK_PUNCT, "->", 0));
  CHECK(is(&s, 3, CN_TOK_PUNCT, "..", 0));
  CHECK(is(&s, 5, CN_TOK_PUNCT, "!=", 0));
  CHECK(is(&s, 6, CN_TOK_KEYWORD, "not", 0));
  CHECK(is(&s, 7, CN_TOK_KEYWORD, "in", 0));
  CHECK(is(&s, 8, CN_TOK_PUNCT, "(", 1));
  CHECK(s.n == 9);

  /* what the scanner rejects is a token too, and nothing is printed */
  s = scan("f(\"open");
  CHECK(is(&s, 2, CN_TOK_ERROR, "\"open", 1));
  s = scan("");
  CHECK(s.n == 0);
}

int main(void) {
  test_keywords();
  test_tokens();
  printf("%d passed, %d failed\n", passed, failed);
  return failed != 0;
}
