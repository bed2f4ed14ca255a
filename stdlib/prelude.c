/* prelude.c — embeds stdlib/prelude.cnet and binds it on first use. */
#include "prelude.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "load.h"

static const char prelude_text[] =
#include "prelude.inc"
    ;

const char *cn_prelude_text(void) { return prelude_text; }

/* Keep every def of the prelude; it holds nothing else. */
static int keep_def(cn_parser *P, cn_ast *s) {
  cn_eval *E = P->ud;
  if (s->kind != CN_AST_DEF && s->kind != CN_AST_LET)
    return 0;
  cn_eval_stmt(E, s, 0);
  return 1;
}

static void free_source(void *src) { cn_src_free(src); }

static int bind_prelude(cn_eval *E, const cn_name *name) {
  (void)name;
  E->on_unknown = NULL; /* once */
  cn_case *c = E->c;
  cn_source *src = cn_src_from_text("<prelude>", prelude_text,
                                    sizeof prelude_text - 1, E->diag);
  if (!src)
    return 0;
  /* the source goes with the syntax trees parsed from it: an evaluator
   * that is freed (the REPL's, when its lets are computed again) takes
   * both along */
  cn_arena_defer(E->keep, free_source, src);
  src->library = 1;
  /* the prelude's defs must not warn about hiding built-ins or print */
  jmp_buf *saved = E->on_error;
  cn_parse_text(src, &c->names, E->diag, E->keep, keep_def, E);
  E->on_error = saved;
  return 1;
}

static const char *prelude_doc_of(const char *fn);

void cn_prelude_open(cn_eval *E) {
  E->on_unknown = bind_prelude;
  E->doc_of = prelude_doc_of;
}

/* ---- documentation: "## text" lines right above "def name(params) =" ---- */

static cn_prelude_doc *docs;
static size_t ndocs;

static char *dup_n(const char *s, size_t n) {
  char *p = cn_xmalloc(n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

const cn_prelude_doc *cn_prelude_docs(size_t *n) {
  if (!docs) {
    size_t cap = 0;
    const char *p = prelude_text, *doc = NULL;
    size_t doclen = 0;
    while (*p) {
      const char *eol = strchr(p, '\n');
      size_t len = eol ? (size_t)(eol - p) : strlen(p);
      if (len >= 3 && strncmp(p, "## ", 3) == 0) {
        if (!doc)
          doc = p + 3, doclen = len - 3;
        else
          doclen = (size_t)(p + len - doc); /* several lines: keep them */
      } else if (len > 4 && strncmp(p, "def ", 4) == 0) {
        const char *open = memchr(p, '(', len), *close = memchr(p, ')', len);
        if (open && close && doc) {
          docs = cn_xgrow(docs, &cap, ndocs + 1, sizeof *docs);
          docs[ndocs].name = dup_n(p + 4, (size_t)(open - p - 4));
          docs[ndocs].params = dup_n(open, (size_t)(close - open + 1));
          char *d = dup_n(doc, doclen);
          for (char *q = d; (q = strstr(q, "\n## ")); ) /* join lines */
            memmove(q, q + 3, strlen(q + 3) + 1), *q = ' ';
          docs[ndocs].doc = d;
          ndocs++;
        }
        doc = NULL;
      } else {
        doc = NULL; /* a doc belongs to the def right below it */
      }
      p += len + (eol ? 1 : 0);
    }
  }
  *n = ndocs;
  return docs;
}

/* "name(params): doc" of a documented prelude function, or NULL (kept
 * until exit, like the docs). */
static const char *prelude_doc_of(const char *fn) {
  static char *last;
  size_t n;
  const cn_prelude_doc *d = cn_prelude_docs(&n);
  for (size_t i = 0; i < n; i++)
    if (strcmp(d[i].name, fn) == 0) {
      size_t len = strlen(d[i].name) + strlen(d[i].params) +
                   strlen(d[i].doc) + 3;
      free(last);
      last = cn_xmalloc(len);
      snprintf(last, len, "%s%s: %s", d[i].name, d[i].params, d[i].doc);
      return last;
    }
  return NULL;
}
