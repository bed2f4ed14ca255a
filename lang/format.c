/* format.c — canonical layout of a script, comments kept (cnet --fmt). */
#include "format.h"

#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "print.h"
#include "utf8.h"

typedef struct comment {
  int line;
  int trailing; /* code stands before it on its line */
  const char *text;
  size_t len;
} comment;

typedef struct stmt_ref {
  const cn_ast *ast;
  int first, last; /* lines */
} stmt_ref;

typedef struct collected {
  stmt_ref *items;
  size_t n, cap;
} collected;

static int collect(cn_parser *P, cn_ast *s) {
  collected *c = P->ud;
  c->items = cn_xgrow(c->items, &c->cap, c->n + 1, sizeof *c->items);
  c->items[c->n].ast = s;
  c->items[c->n].first = s->loc.first_line;
  c->items[c->n].last = s->loc.last_line;
  c->n++;
  return 1; /* keep the nodes: they are printed at the end */
}

/* Every '#' comment outside strings, in order. */
static comment *find_comments(const cn_source *src, size_t *n) {
  comment *out = NULL;
  size_t cap = 0;
  *n = 0;
  const char *t = src->text, *end = t + src->len;
  int line = 1, code = 0, in_str = 0;
  for (const char *p = t; p < end; p++) {
    char ch = *p;
    if (in_str) {
      if (ch == '\\' && p + 1 < end && p[1] != '\n')
        p++;
      else if (ch == '"' || ch == '\n')
        in_str = 0;
      if (ch == '\n')
        line++, code = 0;
      continue;
    }
    if (ch == '\n') {
      line++;
      code = 0;
    } else if (ch == '"') {
      in_str = 1;
      code = 1;
    } else if (ch == '#') {
      const char *e = memchr(p, '\n', (size_t)(end - p));
      if (!e)
        e = end;
      size_t len = (size_t)(e - p);
      while (len > 0 && (p[len - 1] == '\r' || p[len - 1] == ' ' ||
                         p[len - 1] == '\t'))
        len--;
      out = cn_xgrow(out, &cap, *n + 1, sizeof *out);
      out[(*n)++] = (comment){line, code, p, len};
      p = e - 1;
    } else if (ch != ' ' && ch != '\t' && ch != '\r' &&
               !(p == t && (unsigned char)ch == 0xEF)) {
      code = 1;
    }
  }
  return out;
}

/* Is line `line` of the source blank? */
static int blank_line(const cn_source *src, int line) {
  size_t len;
  const char *s = cn_src_line(src, line, &len);
  for (size_t i = 0; i < len; i++)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
      return 0;
  return 1;
}

/* The output, line by line, before ties are aligned. */
typedef struct out_line {
  char *text;
  int tie;       /* a one-line tie with a layer: its colon can be aligned */
  size_t colon;  /* byte offset of " : " in text */
} out_line;

typedef struct lines {
  out_line *items;
  size_t n, cap;
} lines;

static void add_line(lines *L, char *text) {
  L->items = cn_xgrow(L->items, &L->cap, L->n + 1, sizeof *L->items);
  L->items[L->n].text = text;
  L->items[L->n].tie = 0;
  L->items[L->n].colon = 0;
  L->n++;
}

static char *dup_n(const char *s, size_t n) {
  char *p = cn_xmalloc(n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

/* Pad the part before the layer colon of each run of tie lines to the same
 * display width. */
static void align_ties(lines *L) {
  size_t i = 0;
  while (i < L->n) {
    if (!L->items[i].tie) {
      i++;
      continue;
    }
    size_t j = i;
    int width = 0;
    while (j < L->n && L->items[j].tie) {
      int w = cn_utf8_str_width(L->items[j].text, L->items[j].colon);
      if (w > width)
        width = w;
      j++;
    }
    for (size_t k = i; k < j; k++) {
      out_line *o = &L->items[k];
      int pad = width - cn_utf8_str_width(o->text, o->colon);
      size_t len = strlen(o->text);
      char *t = cn_xmalloc(len + (size_t)pad + 1);
      memcpy(t, o->text, o->colon);
      memset(t + o->colon, ' ', (size_t)pad);
      memcpy(t + o->colon + (size_t)pad, o->text + o->colon, len - o->colon + 1);
      free(o->text);
      o->text = t;
    }
    i = j;
  }
}

int cn_format_source(const cn_source *src, cn_names *names, cn_diag *diag,
                     FILE *out) {
  cn_arena keep;
  cn_arena_init(&keep);
  collected stmts = {0};
  int errors = cn_parse_text(src, names, diag, &keep, collect, &stmts);
  if (errors) {
    free(stmts.items);
    cn_arena_free(&keep);
    return -1;
  }
  size_t ncom;
  comment *com = find_comments(src, &ncom);
  size_t ci = 0;
  lines L = {0};
  int prev = 0;           /* last source line already written */
  int blank_pending = 0;  /* a blank line is owed before the next output */
  for (size_t i = 0; i <= stmts.n; i++) {
    int first = i < stmts.n ? stmts.items[i].first : (int)src->nlines + 1;
    if (i == stmts.n) {
      size_t dummy;
      cn_src_line(src, 1, &dummy); /* builds the line index */
      first = (int)src->nlines + 1;
    }
    /* the lines between statements: blank lines and whole-line comments */
    if (first > prev) {
      for (int ln = prev + 1; ln < first; ln++) {
        if (ci < ncom && com[ci].line == ln && !com[ci].trailing) {
          if (blank_pending && L.n)
            add_line(&L, dup_n("", 0));
          blank_pending = 0;
          add_line(&L, dup_n(com[ci].text, com[ci].len));
          ci++;
        } else if (blank_line(src, ln)) {
          blank_pending = 1;
        }
      }
    }
    if (i == stmts.n)
      break;
    const stmt_ref *s = &stmts.items[i];
    /* comments inside the statement's lines, except one at its end, go
     * before it */
    while (ci < ncom && com[ci].line < s->first)
      ci++; /* a trailing comment of an earlier statement on a shared line */
    size_t trailing = (size_t)-1;
    int last_on_line = i + 1 == stmts.n || stmts.items[i + 1].first > s->last;
    while (ci < ncom && com[ci].line <= s->last) {
      if (com[ci].line == s->last && com[ci].trailing) {
        if (last_on_line)
          trailing = ci;
        else
          break; /* it belongs to the last statement of this line */
      } else {
        add_line(&L, dup_n(com[ci].text, com[ci].len));
      }
      ci++;
    }
    if (blank_pending && L.n)
      add_line(&L, dup_n("", 0));
    blank_pending = 0;
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    if (!m) {
      fputs("cnet: out of memory\n", stderr);
      exit(70);
    }
    cn_print_stmt(m, s->ast);
    if (trailing != (size_t)-1) {
      fputs("  ", m);
      fwrite(com[trailing].text, 1, com[trailing].len, m);
    }
    fclose(m);
    /* a statement printed over several lines (a long attribute block) is
     * split so that every output line stands alone */
    char *p = buf;
    int single = strchr(buf, '\n') == NULL;
    while (p) {
      char *nl = strchr(p, '\n');
      add_line(&L, nl ? dup_n(p, (size_t)(nl - p)) : dup_n(p, strlen(p)));
      p = nl ? nl + 1 : NULL;
    }
    if (single && s->ast->kind == CN_AST_TIE && s->ast->u.tie.layer.name &&
        trailing == (size_t)-1) {
      const char *colon = strstr(buf, " : ");
      if (colon) {
        L.items[L.n - 1].tie = 1;
        L.items[L.n - 1].colon = (size_t)(colon - buf);
      }
    }
    free(buf);
    prev = s->last > prev ? s->last : prev;
  }
  align_ties(&L);
  for (size_t i = 0; i < L.n; i++) {
    fputs(L.items[i].text, out);
    fputc('\n', out);
    free(L.items[i].text);
  }
  free(L.items);
  free(com);
  free(stmts.items);
  cn_arena_free(&keep);
  return 0;
}
