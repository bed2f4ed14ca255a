/* import.c — spreadsheets into the case: a CSV/TSV reader that keeps the
 * position of every cell, the column map of an import statement, and one
 * actor or tie per row, added through case_add.c as a statement's are. */
#include "import.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "case_add.h"
#include "escape.h"
#include "load.h"
#include "progress.h"
#include "suggest.h"
#include "utf8.h"

/* ---- the CSV reader ----
 *
 * RFC 4180 as spreadsheets write it: fields separated by one character,
 * records by \n or \r\n; a field may be quoted, and then holds separators,
 * line breaks and doubled quotes.  Unquoted fields lose the spaces around
 * them.  Every field of a record is copied, unescaped, NUL-terminated and
 * in NFC, into the record buffer. */

typedef struct field {
  size_t at;       /* offset of its text in the record buffer */
  size_t len;      /* bytes, without the NUL */
  size_t start;    /* offset in the source text where it starts */
  size_t end;      /* offset just past it */
  int line, end_line;
  char *s;         /* set once the record is complete */
} field;

typedef struct csv {
  const cn_source *src;
  size_t p;        /* read position in src->text */
  int line;        /* line of p */
  char sep;
  int nfc;         /* the whole text is NFC at a glance: no cell needs it */
  cn_names *names; /* where to_nfc remembers spellings */
  field *f;
  size_t nf, capf;
  char *buf;
  size_t nbuf, capbuf;
  /* where the last REC_BAD record went wrong */
  size_t bad_at;
  int bad_line;
  const char *bad_why;
  struct colmemo *memo; /* see column_at */
} csv;

enum { REC_EOF, REC_OK, REC_BAD };

static void put(csv *r, char ch) {
  r->buf = cn_xgrow(r->buf, &r->capbuf, r->nbuf + 1, 1);
  r->buf[r->nbuf++] = ch;
}

static int is_blank(const csv *r, char ch) {
  return ch == ' ' || (ch == '\t' && r->sep != '\t');
}

/* A cell's text in NFC, as a script's names are (cn_intern_nfc): the
 * normalised copy goes to the end of the record buffer; its position in
 * the file, for messages, stays that of the text as written. */
static void to_nfc(csv *r, field *f) {
  if (cn_utf8_nfc_quick(r->buf + f->at, f->len))
    return;
  const cn_name *nfc = cn_intern_nfc(r->names, r->buf + f->at, f->len);
  if (nfc->len == f->len && memcmp(nfc->str, r->buf + f->at, f->len) == 0)
    return;
  f->at = r->nbuf;
  f->len = nfc->len;
  for (size_t i = 0; i <= nfc->len; i++)
    put(r, nfc->str[i]);
}

/* A damaged record: say where and why, and move past the rest of its line. */
static int bad_record(csv *r, size_t q, const char *why) {
  const char *t = r->src->text;
  size_t end = r->src->len;
  r->bad_at = q;
  r->bad_line = r->line;
  r->bad_why = why;
  while (q < end && t[q] != '\n')
    q++;
  if (q < end) {
    q++;
    r->line++;
  }
  r->p = q;
  return REC_BAD;
}

/* Read the next record.  REC_BAD: a quoted field that never ends or text
 * after a closing quote (bad_at, bad_line, bad_why tell where and why; the
 * reader has moved past the damage). */
static int next_record(csv *r) {
  const char *t = r->src->text;
  size_t end = r->src->len, q = r->p;
  r->nf = 0;
  r->nbuf = 0;
  if (q >= end)
    return REC_EOF;
  if (end - q >= 3 && memcmp(t + q, "\xEF\xBB\xBF", 3) == 0) {
    /* a file's mark at the start of a record: two files joined into one */
    return bad_record(r, q, "a byte-order mark (U+FEFF) starts this row: "
                            "were two files joined into one? Remove the "
                            "mark (and a repeated header row)");
  }
  for (;;) {
    field fl;
    memset(&fl, 0, sizeof fl);
    while (q < end && is_blank(r, t[q]))
      q++;
    fl.at = r->nbuf;
    fl.start = q;
    fl.line = r->line;
    if (q < end && t[q] == '"') {
      q++;
      for (;;) {
        if (q >= end) {
          r->bad_at = fl.start;
          r->bad_line = fl.line;
          r->bad_why = "this quoted field never ends: its closing '\"' is "
                       "missing";
          r->p = end;
          return REC_BAD;
        }
        if (t[q] == '"') {
          if (q + 1 < end && t[q + 1] == '"') {
            put(r, '"');
            q += 2;
            continue;
          }
          q++;
          break;
        }
        if (t[q] == '\n')
          r->line++;
        if (t[q] == '\r' && q + 1 < end && t[q + 1] == '\n') {
          q++; /* a line break inside a field is kept as \n */
          continue;
        }
        put(r, t[q++]);
      }
      put(r, '\0'); /* (overwritten next) */
      r->nbuf--;
      if (r->buf[fl.at] == CN_CSV_MARK && cn_csv_formula(r->buf + fl.at + 1)) {
        /* a cell cnet's export neutralised (escape.h): its text is after
         * the mark */
        memmove(r->buf + fl.at, r->buf + fl.at + 1, r->nbuf - fl.at - 1);
        r->nbuf--;
      }
      fl.end = q;
      while (q < end && is_blank(r, t[q]))
        q++;
      if (q < end && t[q] != r->sep && t[q] != '\n' && t[q] != '\r') {
        return bad_record(r, q, "text after the closing '\"' of a quoted "
                                "field");
      }
    } else {
      size_t s = q;
      while (q < end && t[q] != r->sep && t[q] != '\n')
        q++;
      size_t e = q;
      if (e > s && t[e - 1] == '\r')
        e--;
      while (e > s && is_blank(r, t[e - 1]))
        e--;
      for (size_t i = s; i < e; i++)
        put(r, t[i]);
      fl.end = e;
    }
    fl.len = r->nbuf - fl.at;
    fl.end_line = r->line;
    put(r, '\0');
    r->f = cn_xgrow(r->f, &r->capf, r->nf + 1, sizeof *r->f);
    r->f[r->nf++] = fl;
    if (q < end && t[q] == r->sep) {
      q++;
      continue;
    }
    if (q < end && t[q] == '\r')
      q++;
    if (q < end && t[q] == '\n') {
      q++;
      r->line++;
    }
    r->p = q;
    for (size_t i = 0; i < r->nf && !r->nfc; i++)
      to_nfc(r, &r->f[i]);
    for (size_t i = 0; i < r->nf; i++)
      r->f[i].s = r->buf + r->f[i].at;
    return REC_OK;
  }
}

static int record_empty(const csv *r) {
  for (size_t i = 0; i < r->nf; i++)
    if (r->f[i].len)
      return 0;
  return 1;
}

/* Where column_at last counted to: cells are located left to right, so
 * counting goes on from there and locating every cell of a row costs its
 * width once, not once per cell (an 80,000-column header was quadratic). */
typedef struct colmemo {
  int line;   /* 0: nothing counted yet */
  size_t off; /* byte offset in the source text ... */
  int col;    /* ... and its column */
} colmemo;

/* Column (code points, from 1) of byte offset `off` on line `line`. */
static int column_at(const csv *r, int line, size_t off) {
  size_t len; /* cn_src_line builds the line index on first use */
  size_t ls = (size_t)(cn_src_line(r->src, line, &len) - r->src->text);
  if (off < ls)
    off = ls;
  colmemo *m = r->memo;
  if (m->line != line || m->off > off || m->off < ls) {
    m->line = line;
    m->off = ls;
    m->col = 1;
  }
  m->col += (int)cn_utf8_count(r->src->text + m->off, off - m->off);
  m->off = off;
  return m->col;
}

static cn_loc field_loc(const csv *r, const field *f) {
  cn_loc l;
  l.src = r->src;
  l.first_line = f->line;
  l.last_line = f->end_line;
  l.first_column = column_at(r, f->line, f->start);
  l.last_column = column_at(r, f->end_line, f->end);
  if (l.last_line == l.first_line && l.last_column <= l.first_column)
    l.last_column = l.first_column + 1;
  return l;
}

static cn_loc point_loc(const csv *r, int line, size_t off) {
  cn_loc l = {line, 0, line, 0, r->src};
  l.first_column = column_at(r, line, off);
  l.last_column = l.first_column + 1;
  return l;
}

/* The separator: the option, the extension, else the commonest of , \t ;
 * on the header line (outside quotes). */
static char guess_sep(const cn_source *src, const char *path) {
  size_t n = strlen(path);
  if ((n > 4 && strcmp(path + n - 4, ".tsv") == 0) ||
      (n > 4 && strcmp(path + n - 4, ".tab") == 0))
    return '\t';
  size_t comma = 0, tab = 0, semi = 0;
  int quoted = 0;
  for (size_t i = 0; i < src->len && (quoted || src->text[i] != '\n'); i++) {
    char ch = src->text[i];
    if (ch == '"')
      quoted = !quoted;
    else if (!quoted && ch == ',')
      comma++;
    else if (!quoted && ch == '\t')
      tab++;
    else if (!quoted && ch == ';')
      semi++;
  }
  if (tab > comma && tab >= semi)
    return '\t';
  if (semi > comma && semi > tab)
    return ';';
  return ',';
}

/* ---- the column map ---- */

enum role {
  R_ATTR,  /* any other column: an attribute */
  R_NONE,  /* a column without a header: not read */
  R_NAME, R_KIND, R_SPAN,
  R_FROM, R_TO, R_LAYER, R_WEIGHT, R_SOURCE, R_DIRECTED, R_TRANSIENT,
  R_COUNT
};

static const char *const role_key[R_COUNT] = {
    NULL,   NULL,    "name",   "kind",   "span",     "from",
    "to",   "layer", "weight", "source", "directed", "transient"};

static const char *const actor_options =
    "name, kind, span (and sep)";
static const char *const tie_options =
    "from, to, layer, span, weight, source, directed, transient (and sep)";

static int role_ok(int ties, int r) {
  return ties ? r >= R_SPAN : r >= R_NAME && r <= R_SPAN;
}

typedef struct column {
  cn_name *name; /* NULL: no header */
  cn_loc loc;
  int role;
} column;

/* Interned cell text -> its literal node (values repeat: 县内, 1995 …). */
typedef struct vcache {
  const cn_name **keys;
  cn_ast **vals;
  size_t cap, n;
} vcache;

typedef struct importer {
  cn_case *c;
  cn_diag *diag;
  const cn_ast *s;
  cn_source *src;
  const char *path; /* as written in the statement */
  int ties;
  column *cols;
  int ncols;
  int col[R_COUNT]; /* column of each role, or -1 */
  int32_t kind;     /* a constant kind, or -1 */
  int32_t layer;    /* the layer after ':', or -1 */
  int has_layer;
  int directed, transient; /* constants */
  unsigned char given[R_COUNT]; /* roles the block set to a constant */
  int32_t src_index;
  vcache vc;
  csv r;
  colmemo memo;
  cn_name_map colmap; /* header name -> its first column */
  long rows; /* rows added */
} importer;

static int find_column(const importer *I, const cn_name *name) {
  return cn_name_map_get(&I->colmap, name);
}

static void hint_columns(importer *I) {
  char buf[400];
  size_t len = 0;
  int shown = 0;
  for (int i = 0; i < I->ncols && len < sizeof buf - 80; i++) {
    if (!I->cols[i].name)
      continue;
    len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s",
                            shown++ ? ", " : "", I->cols[i].name->str);
  }
  if (shown)
    cn_diag_hint(I->diag, "the columns of '%s' are: %s%s", I->path, buf,
                 len >= sizeof buf - 80 ? ", …" : "");
}

/* The header's column closest to name, or NULL. */
static const char *closest_column(const importer *I, const char *name) {
  cn_suggest sg;
  cn_suggest_init(&sg, name);
  for (int i = 0; i < I->ncols; i++)
    if (I->cols[i].name)
      cn_suggest_offer(&sg, I->cols[i].name->str);
  return sg.best;
}

static void no_column(importer *I, const cn_loc *loc, const char *name) {
  cn_diag_error(I->diag, loc, "no column '%s' in '%s'", name, I->path);
  const char *best = closest_column(I, name);
  if (best)
    cn_diag_hint(I->diag, "did you mean '%s'?", best);
  else
    hint_columns(I);
}

/* true or false written as a name in the block (the parser may read them
 * as names where a value is expected); -1 for other names. */
static int cell_bool_word(const char *s) {
  return strcmp(s, "true") == 0 ? 1 : strcmp(s, "false") == 0 ? 0 : -1;
}

/* Give role r to the column named by map entry a.  Returns 0 on error. */
static int map_column(importer *I, const cn_attr *a, int r) {
  const cn_ast *v = a->value;
  cn_name *want = v->kind == CN_AST_NAME ? v->u.name : v->u.str;
  int k = find_column(I, want);
  if (k < 0) {
    if (r == R_KIND && v->kind == CN_AST_NAME) {
      cn_case_unknown(I->c, I->diag, &v->loc, CN_NS_KIND, want->str);
      const char *best = closest_column(I, want->str);
      if (best)
        cn_diag_hint(I->diag, "or did you mean the column '%s' of '%s', "
                              "holding each actor's kind?", best, I->path);
      else
        cn_diag_hint(I->diag, "kind = NAME is a declared kind given to every "
                              "actor, or a column of '%s' holding each "
                              "actor's kind", I->path);
      return 0;
    }
    no_column(I, &v->loc, want->str);
    return 0;
  }
  if (I->cols[k].role != R_ATTR) {
    cn_diag_error(I->diag, &v->loc, "column '%s' is already read as '%s'",
                  want->str, role_key[I->cols[k].role]);
    return 0;
  }
  I->cols[k].role = r;
  I->col[r] = k;
  return 1;
}

/* Read the map block of the statement.  Returns 0 on error. */
static int read_map(importer *I) {
  const cn_attrs *m = I->s->u.import.map;
  int ok = 1;
  for (int i = 0; m && i < m->n; i++) {
    const cn_attr *a = &m->items[i];
    const char *key = a->key.name->str;
    const cn_ast *v = a->value;
    if (strcmp(key, "sep") == 0)
      continue; /* read before the file was parsed */
    int r = -1;
    for (int k = R_NAME; k < R_COUNT; k++)
      if (strcmp(role_key[k], key) == 0 && role_ok(I->ties, k))
        r = k;
    if (r < 0) {
      cn_diag_error(I->diag, &a->key.loc, "'%s' is not an option of import "
                                          "%s", key, I->ties ? "ties" : "actors");
      cn_suggest sg;
      cn_suggest_init(&sg, key);
      for (int k = R_NAME; k < R_COUNT; k++)
        if (role_ok(I->ties, k))
          cn_suggest_offer(&sg, role_key[k]);
      if (sg.best)
        cn_diag_hint(I->diag, "did you mean '%s'?", sg.best);
      else
        cn_diag_hint(I->diag, "the options are: %s; every other column "
                              "becomes an attribute",
                     I->ties ? tie_options : actor_options);
      ok = 0;
      continue;
    }
    for (int j = 0; j < i; j++)
      if (m->items[j].key.name == a->key.name) {
        cn_diag_error(I->diag, &a->key.loc, "option '%s' given twice", key);
        ok = 0;
        r = -1;
        break;
      }
    if (r < 0)
      continue;
    int flag = v->kind == CN_AST_BOOL ? v->u.boolean
               : v->kind == CN_AST_NAME && find_column(I, v->u.name) < 0
                   ? cell_bool_word(v->u.name->str)
                   : -1;
    if ((r == R_DIRECTED || r == R_TRANSIENT) && flag >= 0) {
      *(r == R_DIRECTED ? &I->directed : &I->transient) = flag;
      I->given[r] = 1;
      continue;
    }
    if (r == R_KIND && v->kind == CN_AST_NAME && v->u.name->slot[CN_NS_KIND] >= 0) {
      I->kind = v->u.name->slot[CN_NS_KIND];
      int k = find_column(I, v->u.name);
      if (k >= 0) {
        cn_diag_warning(I->diag, &v->loc, "'%s' is a kind and also a column "
                                          "of '%s': every actor gets the kind",
                        v->u.name->str, I->path);
        cn_diag_hint(I->diag, "to read the column instead, quote it: kind = "
                              "\"%s\"", v->u.name->str);
      }
      continue;
    }
    if (r == R_LAYER && I->has_layer) {
      cn_diag_error(I->diag, &a->key.loc, "the layer is given twice: after "
                                          "':' and as a column");
      cn_diag_hint(I->diag, "use ': LAYER' for one layer, layer = COLUMN for "
                            "a column naming each tie's layer");
      ok = 0;
      continue;
    }
    if (v->kind != CN_AST_NAME && v->kind != CN_AST_STR) {
      cn_diag_error(I->diag, &v->loc, "'%s' names a column, not %s", key,
                    cn_ast_literal_kind(v));
      cn_diag_hint(I->diag, "write %s = 列名 or %s = \"column name\"%s", key,
                   key,
                   r == R_DIRECTED || r == R_TRANSIENT
                       ? ", or true/false for every row"
                       : "");
      ok = 0;
      continue;
    }
    if (!map_column(I, a, r))
      ok = 0;
  }
  return ok;
}

/* Roles not given in the block: a column of that very name, else (for the
 * name and the two ends) the first columns not read otherwise. */
static int default_roles(importer *I) {
  for (int r = R_NAME; r < R_COUNT; r++) {
    if (!role_ok(I->ties, r) || I->col[r] >= 0)
      continue;
    if (I->given[r] || (r == R_KIND && I->kind >= 0) ||
        (r == R_LAYER && I->has_layer))
      continue;
    cn_name *nm = cn_intern_find(&I->c->names, role_key[r], strlen(role_key[r]));
    int k = nm ? find_column(I, nm) : -1;
    if (k >= 0 && I->cols[k].role == R_ATTR) {
      I->cols[k].role = r;
      I->col[r] = k;
    }
  }
  static const int ends[] = {R_NAME, R_FROM, R_TO};
  for (size_t e = 0; e < sizeof ends / sizeof *ends; e++) {
    int r = ends[e];
    if (!role_ok(I->ties, r) || I->col[r] >= 0)
      continue;
    for (int k = 0; k < I->ncols; k++)
      if (I->cols[k].name && I->cols[k].role == R_ATTR) {
        I->cols[k].role = r;
        I->col[r] = k;
        break;
      }
    if (I->col[r] < 0) {
      cn_diag_error(I->diag, &I->s->loc, "'%s' has no column for %s", I->path,
                    r == R_NAME ? "the actors' names"
                    : r == R_FROM ? "the 'from' end of the ties"
                                  : "the 'to' end of the ties");
      cn_diag_hint(I->diag, "a file of ties needs two columns of actor "
                            "names; name them in the block: { from = 列名, "
                            "to = 列名 }");
      return 0;
    }
  }
  return 1;
}

/* ---- cells ---- */

static const char *colname(const importer *I, int r) {
  return I->cols[I->col[r]].name->str;
}

static int parse_number(const char *s, double *out) {
  /* [-+]digits[.digits][e[-+]digits]; no hex, inf, nan or leading zeros
   * (a code such as 007 stays text) */
  const char *p = s;
  if (*p == '-' || *p == '+')
    p++;
  if (!(*p >= '0' && *p <= '9'))
    return 0;
  if (p[0] == '0' && p[1] >= '0' && p[1] <= '9')
    return 0;
  while (*p >= '0' && *p <= '9')
    p++;
  if (*p == '.') {
    p++;
    if (!(*p >= '0' && *p <= '9'))
      return 0;
    while (*p >= '0' && *p <= '9')
      p++;
  }
  if (*p == 'e' || *p == 'E') {
    p++;
    if (*p == '-' || *p == '+')
      p++;
    if (!(*p >= '0' && *p <= '9'))
      return 0;
    while (*p >= '0' && *p <= '9')
      p++;
  }
  if (*p)
    return 0;
  double x = strtod(s, NULL);
  if (!isfinite(x))
    return 0;
  *out = x;
  return 1;
}

static void span_hint(importer *I, const char *text) {
  const char *dash = strpbrk(text, "-~");
  if (!dash)
    dash = strstr(text, "–");
  if (dash && dash != text)
    cn_diag_hint(I->diag, "a range of years is written with '..': "
                          "1980..1990");
  else
    cn_diag_hint(I->diag, "a span is a year (1997), a range (1980..1990, "
                          "1980.., ..1990) or the name of a stage");
}

/* A cell of the current record, for a cn_where. */
typedef struct cell_ref {
  const csv *r;
  const field *f;
} cell_ref;

static cn_loc cell_locate(const void *cell, int part) {
  const cell_ref *c = cell;
  (void)part;
  return field_loc(c->r, c->f);
}

/* A year of a span cell: a number within range.  0 and reported if not. */
static int cell_year(importer *I, const char *text, size_t n,
                     const field *f, const char *whole, double *y) {
  char tmp[64];
  if (n >= sizeof tmp)
    n = sizeof tmp - 1;
  memcpy(tmp, text, n);
  tmp[n] = '\0';
  while (n > 0 && tmp[n - 1] == ' ')
    tmp[--n] = '\0';
  const char *p = tmp;
  while (*p == ' ')
    p++;
  if (!parse_number(p, y)) {
    cn_loc loc = field_loc(&I->r, f);
    cn_diag_error(I->diag, &loc, "bad year '%s' in column '%s'", whole,
                  colname(I, R_SPAN));
    span_hint(I, whole);
    return 0;
  }
  cell_ref cell = {&I->r, f};
  cn_where at = {cell_locate, &cell};
  return cn_case_year_ok(I->diag, &at, *y, colname(I, R_SPAN));
}

/* The span of a cell: empty (none), a year, a range or a stage's name. */
static int cell_span(importer *I, const field *f, cn_span *out, int *has) {
  out->from = -INFINITY;
  out->to = INFINITY;
  *has = f->len > 0;
  if (!f->len)
    return 1;
  const char *dots = strstr(f->s, "..");
  if (!dots) {
    cn_name *nm = cn_intern_find(&I->c->names, f->s, f->len);
    if (nm && nm->slot[CN_NS_STAGE] >= 0) {
      *out = I->c->stages.items[nm->slot[CN_NS_STAGE]].span;
      return 1;
    }
    double y;
    if (!cell_year(I, f->s, f->len, f, f->s, &y))
      return 0;
    out->from = out->to = y;
    return 1;
  }
  size_t nlo = (size_t)(dots - f->s);
  const char *hi = dots + 2;
  size_t nhi = strlen(hi);
  int lo_blank = strspn(f->s, " ") >= nlo, hi_blank = strspn(hi, " ") >= nhi;
  if (lo_blank && hi_blank) {
    cn_loc loc = field_loc(&I->r, f);
    cn_diag_error(I->diag, &loc, "'..' alone is not a span (column '%s')",
                  colname(I, R_SPAN));
    cn_diag_hint(I->diag, "leave the cell empty for a tie that lasts all the "
                          "time");
    return 0;
  }
  if (!lo_blank && !cell_year(I, f->s, nlo, f, f->s, &out->from))
    return 0;
  if (!hi_blank && !cell_year(I, hi, nhi, f, f->s, &out->to))
    return 0;
  cell_ref cell = {&I->r, f};
  cn_where at = {cell_locate, &cell};
  return cn_case_span(I->diag, &at, out->from, out->to, colname(I, R_SPAN),
                      out);
}

/* true/false and their spreadsheet spellings; -1 if none. */
static int cell_bool(const char *s) {
  static const char *const yes[] = {"true", "yes", "y", "1", "是", "->",
                                    "directed", NULL};
  static const char *const no[] = {"false", "no", "n", "0", "否", "--",
                                   "undirected", "", NULL};
  char low[16];
  size_t n = strlen(s);
  if (n >= sizeof low)
    return -1;
  for (size_t i = 0; i <= n; i++)
    low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
  for (int i = 0; yes[i]; i++)
    if (strcmp(low, yes[i]) == 0)
      return 1;
  for (int i = 0; no[i]; i++)
    if (strcmp(low, no[i]) == 0)
      return 0;
  return -1;
}

static cn_ast *cache_get(importer *I, const cn_name *key, const cn_loc *loc,
                         const char *text) {
  vcache *vc = &I->vc;
  if (vc->n * 2 >= vc->cap) {
    size_t cap = vc->cap ? vc->cap * 2 : 256;
    const cn_name **keys = cn_xcalloc(cap, sizeof *keys);
    cn_ast **vals = cn_xcalloc(cap, sizeof *vals);
    for (size_t i = 0; i < vc->cap; i++)
      if (vc->keys[i]) {
        size_t h = vc->keys[i]->hash & (cap - 1);
        while (keys[h])
          h = (h + 1) & (cap - 1);
        keys[h] = vc->keys[i];
        vals[h] = vc->vals[i];
      }
    free(vc->keys);
    free(vc->vals);
    vc->keys = keys;
    vc->vals = vals;
    vc->cap = cap;
  }
  size_t h = key->hash & (vc->cap - 1);
  while (vc->keys[h]) {
    if (vc->keys[h] == key)
      return vc->vals[h];
    h = (h + 1) & (vc->cap - 1);
  }
  double x;
  cn_ast *v;
  if (strcmp(text, "true") == 0 || strcmp(text, "false") == 0) {
    v = cn_ast_new(&I->c->arena, CN_AST_BOOL, *loc);
    v->u.boolean = text[0] == 't';
  } else if (parse_number(text, &x)) {
    v = cn_ast_new(&I->c->arena, CN_AST_NUM, *loc);
    v->u.num = x;
  } else {
    v = cn_ast_new(&I->c->arena, CN_AST_STR, *loc);
    v->u.str = (cn_name *)key;
  }
  vc->keys[h] = key;
  vc->vals[h] = v;
  vc->n++;
  return v;
}

/* The other columns of the record as an attribute block (NULL if none). */
static cn_attrs *row_attrs(importer *I) {
  int n = 0;
  for (int k = 0; k < I->ncols; k++)
    n += I->cols[k].role == R_ATTR && I->r.f[k].len > 0;
  if (!n)
    return NULL;
  cn_attrs *at = cn_arena_alloc(&I->c->arena, sizeof *at);
  at->items = cn_arena_alloc(&I->c->arena, sizeof *at->items * (size_t)n);
  for (int k = 0; k < I->ncols; k++) {
    const field *f = &I->r.f[k];
    if (I->cols[k].role != R_ATTR || !f->len)
      continue;
    cn_loc loc = field_loc(&I->r, f);
    cn_name *text = cn_intern(&I->c->names, f->s, f->len);
    cn_attr *a = &at->items[at->n++];
    a->key.name = I->cols[k].name;
    a->key.loc = I->cols[k].loc;
    a->value = cache_get(I, text, &loc, f->s);
  }
  at->loc = at->items[0].value->loc;
  return at;
}

/* An actor named in a cell, or -1 (reported). */
static int32_t cell_actor(importer *I, int r) {
  const field *f = &I->r.f[I->col[r]];
  if (!f->len) {
    cn_loc loc = field_loc(&I->r, f);
    cn_diag_error(I->diag, &loc, "empty actor name in column '%s'",
                  colname(I, r));
    return -1;
  }
  cn_name *nm = cn_intern_find(&I->c->names, f->s, f->len);
  int32_t a = cn_case_find(nm, CN_NS_ACTOR);
  if (a < 0) {
    cn_loc loc = field_loc(&I->r, f);
    cn_case_unknown(I->c, I->diag, &loc, CN_NS_ACTOR, f->s);
    if (!I->c->actors.n)
      cn_diag_hint(I->diag, "import the actors first: import actors "
                            "\"actors.csv\"");
  }
  return a;
}

/* ---- rows ---- */

/* The span column of the row, when the file has one; 0 after an error. */
static int row_span(importer *I, cn_span *span, int *has_span) {
  if (I->col[R_SPAN] < 0)
    return 1;
  return cell_span(I, &I->r.f[I->col[R_SPAN]], span, has_span);
}

static void add_actor(importer *I) {
  cn_case *c = I->c;
  const field *f = &I->r.f[I->col[R_NAME]];
  cn_loc loc = field_loc(&I->r, f);
  if (!f->len) {
    cn_diag_error(I->diag, &loc, "empty actor name in column '%s'",
                  colname(I, R_NAME));
    return;
  }
  cn_name *nm = cn_intern(&c->names, f->s, f->len);
  int ok = 1;
  int32_t kind = I->kind;
  if (I->col[R_KIND] >= 0) {
    const field *kf = &I->r.f[I->col[R_KIND]];
    if (kf->len) {
      cn_name *kn = cn_intern_find(&c->names, kf->s, kf->len);
      kind = cn_case_find(kn, CN_NS_KIND);
      if (kind < 0) {
        cn_loc kl = field_loc(&I->r, kf);
        cn_case_unknown(c, I->diag, &kl, CN_NS_KIND, kf->s);
        ok = 0;
      }
    }
  }
  cn_span span = {-INFINITY, INFINITY};
  int has_span = 0;
  if (!row_span(I, &span, &has_span))
    ok = 0;
  if (!ok) { /* not added; a duplicate name is still worth a message */
    cn_case_name_free(c, I->diag, CN_NS_ACTOR, nm, &loc);
    return;
  }
  cn_actor a = {nm, kind, has_span, span, NULL, loc};
  cn_actor *added = cn_case_add_actor(c, I->diag, &a);
  if (!added)
    return;
  added->attrs = row_attrs(I);
  I->rows++;
}

/* The layer of the row: the statement's, or the one its column names. */
static int row_layer(importer *I, int32_t *layer) {
  *layer = I->layer;
  if (I->col[R_LAYER] < 0)
    return 1;
  const field *lf = &I->r.f[I->col[R_LAYER]];
  if (!lf->len) {
    cn_loc ll = field_loc(&I->r, lf);
    cn_diag_error(I->diag, &ll, "empty layer in column '%s'",
                  colname(I, R_LAYER));
    return 0;
  }
  cn_name *ln = cn_intern_find(&I->c->names, lf->s, lf->len);
  if ((*layer = cn_case_find(ln, CN_NS_LAYER)) < 0) {
    cn_loc ll = field_loc(&I->r, lf);
    cn_case_unknown(I->c, I->diag, &ll, CN_NS_LAYER, lf->s);
    return 0;
  }
  return 1;
}

/* The weight column of the row (an empty cell: 1); 0 after an error. */
static int row_weight(importer *I, double *weight) {
  *weight = 1;
  if (I->col[R_WEIGHT] < 0)
    return 1;
  const field *wf = &I->r.f[I->col[R_WEIGHT]];
  if (wf->len && !parse_number(wf->s, weight)) {
    cn_loc wl = field_loc(&I->r, wf);
    cn_diag_error(I->diag, &wl, "bad weight '%s' in column '%s'", wf->s,
                  colname(I, R_WEIGHT));
    cn_diag_hint(I->diag, "a weight is a positive number, e.g. 1 or 0.5; "
                          "an empty cell means 1");
    return 0;
  }
  if (*weight > 0) /* parse_number gives finite numbers only */
    return 1;
  cn_loc wl = field_loc(&I->r, wf);
  return cn_case_weight_ok(I->diag, &wl, *weight);
}

/* Directed and transient: the statement's constants or the row's cells. */
static int row_flags(importer *I, int flags[2]) {
  int ok = 1;
  flags[0] = I->directed;
  flags[1] = I->transient;
  for (int k = 0; k < 2; k++) {
    int r = k ? R_TRANSIENT : R_DIRECTED;
    if (I->col[r] < 0)
      continue;
    const field *bf = &I->r.f[I->col[r]];
    int b = cell_bool(bf->s);
    if (b < 0) {
      cn_loc bl = field_loc(&I->r, bf);
      cn_diag_error(I->diag, &bl, "'%s' in column '%s' is not true or false",
                    bf->s, colname(I, r));
      cn_diag_hint(I->diag, "write true or false (also yes/no, 1/0, 是/否%s); "
                            "an empty cell means false",
                   k ? "" : ", -> and --");
      ok = 0;
    }
    flags[k] = b > 0;
  }
  return ok;
}

/* The evidence codes of the source cell, separated by ';'.  Returns their
 * count (*out in the case's arena). */
static int row_sources(importer *I, cn_name ***out) {
  *out = NULL;
  if (I->col[R_SOURCE] < 0)
    return 0;
  const field *sf = &I->r.f[I->col[R_SOURCE]];
  int n = 0, nsources = 0;
  for (const char *p = sf->s; *p; p++)
    n += *p == ';';
  cn_name **sources =
      cn_arena_alloc(&I->c->arena, sizeof *sources * (size_t)(n + 1));
  for (const char *p = sf->s; *p && nsources < UINT16_MAX;) {
    const char *e = strchr(p, ';');
    size_t len = e ? (size_t)(e - p) : strlen(p);
    const char *q = p, *qe = p + len;
    while (q < qe && *q == ' ')
      q++;
    while (qe > q && qe[-1] == ' ')
      qe--;
    if (qe > q)
      sources[nsources++] = cn_intern(&I->c->names, q, (size_t)(qe - q));
    p = e ? e + 1 : p + len;
  }
  *out = sources;
  return nsources;
}

/* Where a tie of the current row is written: its ends in the from column,
 * its span in the span column when there is one. */
static cn_loc row_tie_loc(const void *ctx, int part) {
  const importer *I = ctx;
  int r = part == CN_AT_SPAN && I->col[R_SPAN] >= 0 ? R_SPAN : R_FROM;
  return field_loc(&I->r, &I->r.f[I->col[r]]);
}

static void add_tie(importer *I) {
  cn_case *c = I->c;
  int ok = 1;
  cn_tie t;
  memset(&t, 0, sizeof t);
  cn_span span = {-INFINITY, INFINITY};
  int32_t from = cell_actor(I, R_FROM);
  int32_t to = cell_actor(I, R_TO);
  if (from < 0 || to < 0)
    ok = 0;
  if (!row_layer(I, &t.layer))
    ok = 0;
  int has_span = 0;
  if (!row_span(I, &span, &has_span))
    ok = 0;
  double weight;
  if (!row_weight(I, &weight))
    ok = 0;
  int flags[2];
  if (!row_flags(I, flags))
    ok = 0;
  if (!ok)
    return;
  t.from = from;
  t.to = to;
  t.directed = (uint8_t)flags[0];
  t.transient = (uint8_t)flags[1];
  t.has_span = (uint8_t)has_span;
  cn_name **sources;
  int nsources = row_sources(I, &sources);
  t.x = cn_tie_extra_new(c, span, weight, sources, nsources, row_attrs(I));
  const cn_where where = {row_tie_loc, I};
  if (!cn_case_add_tie(c, I->diag, &t, &where))
    return;
  I->rows++;
}

/* ---- the statement ---- */

static char *resolve_path(const cn_ast *s) {
  const char *rel = s->u.import.path->str;
  const char *base = s->loc.src ? s->loc.src->path : NULL;
  const char *slash = base ? strrchr(base, '/') : NULL;
  if (rel[0] == '/' || !slash)
    return cn_xstrdup(rel);
  size_t nd = (size_t)(slash - base), n = nd + strlen(rel) + 2;
  char *p = cn_xmalloc(n);
  snprintf(p, n, "%.*s/%s", (int)nd, base, rel);
  return p;
}

/* The header record: the columns, their names and positions. */
static int read_header(importer *I) {
  int rc;
  while ((rc = next_record(&I->r)) == REC_OK && record_empty(&I->r))
    ;
  if (rc == REC_EOF) {
    cn_diag_error(I->diag, &I->s->loc, "'%s' is empty: it needs a header line "
                                       "naming its columns", I->path);
    return 0;
  }
  if (rc == REC_BAD) {
    cn_loc l = point_loc(&I->r, I->r.bad_line, I->r.bad_at);
    cn_diag_error(I->diag, &l, "%s", I->r.bad_why);
    return 0;
  }
  I->ncols = (int)I->r.nf;
  I->cols = cn_xcalloc(I->r.nf, sizeof *I->cols);
  int ok = 1;
  for (int k = 0; k < I->ncols; k++) {
    const field *f = &I->r.f[k];
    column *col = &I->cols[k];
    col->loc = field_loc(&I->r, f);
    if (!f->len) {
      col->role = R_NONE;
      cn_diag_warning(I->diag, &col->loc, "column %d has no name in the "
                                          "header: its cells are not read",
                      k + 1);
      continue;
    }
    col->name = cn_intern(&I->c->names, f->s, f->len);
    int j = cn_name_map_add(&I->colmap, col->name, k);
    if (j != k) {
      cn_diag_error(I->diag, &col->loc, "column '%s' appears twice in the "
                                        "header", f->s);
      cn_diag_note(I->diag, &I->cols[j].loc, "first here");
      ok = 0;
    }
  }
  return ok;
}

/* Every row after the header: checked for shape, then added. */
static void import_rows(importer *I) {
  int rc;
  size_t watch_at = CN_READ_STEP; /* a long read: how far, and whether to
                                     stop (Ctrl-C, the file cut short) */
  while (!cn_diag_full(I->diag) && (rc = next_record(&I->r)) != REC_EOF) {
    if (I->r.p >= watch_at || I->src->cut) {
      watch_at = I->r.p + CN_READ_STEP;
      int why = cn_src_reading(I->src, I->r.p);
      if (why != CN_READ_ON) {
        cn_src_read_stopped(I->diag, &I->s->loc, I->src, why);
        break;
      }
    }
    if (rc == REC_BAD) {
      cn_loc l = point_loc(&I->r, I->r.bad_line, I->r.bad_at);
      cn_diag_error(I->diag, &l, "%s", I->r.bad_why);
      continue;
    }
    if (record_empty(&I->r))
      continue;
    if ((int)I->r.nf != I->ncols) {
      const field *f = &I->r.f[I->r.nf - 1];
      cn_loc l = field_loc(&I->r, &I->r.f[0]);
      l.first_column = 1;
      l.last_line = f->end_line;
      l.last_column = column_at(&I->r, f->end_line, f->end);
      if (l.last_line == l.first_line && l.last_column <= 1)
        l.last_column = 2;
      cn_diag_error(I->diag, &l, "this row has %zu %s, the header has %d",
                    I->r.nf, I->r.nf == 1 ? "column" : "columns", I->ncols);
      if (I->r.nf > (size_t)I->ncols && I->r.sep == '\t')
        cn_diag_hint(I->diag, "a cell holding a tab must be quoted");
      else if (I->r.nf > (size_t)I->ncols)
        cn_diag_hint(I->diag, "a cell holding '%c' must be quoted: \"a%cb\"",
                     I->r.sep, I->r.sep);
      continue;
    }
    if (I->ties)
      add_tie(I);
    else
      add_actor(I);
  }
  if (I->src->len >= CN_READ_STEP)
    cn_progress_end();
}

static int import_file(importer *I) {
  const cn_ast *s = I->s;
  cn_case *c = I->c;
  /* what, layer, separator: checked before the file is read */
  const char *what = s->u.import.what.name->str;
  if (strcmp(what, "ties") == 0) {
    I->ties = 1;
  } else if (strcmp(what, "actors") != 0) {
    cn_diag_error(I->diag, &s->u.import.what.loc,
                  "import what? 'actors' or 'ties', not '%s'", what);
    cn_diag_hint(I->diag, "import actors \"actors.csv\" or import ties "
                          "\"ties.csv\" : LAYER");
    return 0;
  }
  if (s->u.import.layer.name) {
    if (!I->ties) {
      cn_diag_error(I->diag, &s->u.import.layer.loc,
                    "actors have no layer: only ties do");
      return 0;
    }
    I->layer = cn_case_find(s->u.import.layer.name, CN_NS_LAYER);
    if (I->layer < 0) {
      cn_case_unknown(c, I->diag, &s->u.import.layer.loc, CN_NS_LAYER,
                      s->u.import.layer.name->str);
      return 0;
    }
    I->has_layer = 1;
  }
  char sep = 0;
  const cn_attr *sa = cn_attrs_get(s->u.import.map, "sep");
  if (sa) {
    const cn_ast *v = sa->value;
    if (v->kind != CN_AST_STR || v->u.str->len != 1 ||
        strchr("\"\r\n", v->u.str->str[0])) {
      cn_diag_error(I->diag, &v->loc, "sep is one character in quotes");
      cn_diag_hint(I->diag, "sep = \",\", sep = \"\\t\" or sep = \";\"");
      return 0;
    }
    sep = v->u.str->str[0];
  }
  /* the file */
  char *path = resolve_path(s);
  I->src = cn_load_read(path, I->diag, &s->loc);
  free(path);
  if (!I->src)
    return 0;
  I->src_index = cn_case_add_source(c, I->src); /* the case owns it now */
  if (!memchr(I->src->text, '\n', I->src->len) &&
      memchr(I->src->text, '\r', I->src->len)) {
    cn_loc top = {1, 1, 1, 2, I->src};
    cn_diag_error(I->diag, &top, "the lines of '%s' end with CR alone (an old "
                                 "Mac format)", I->path);
    cn_diag_hint(I->diag, "save it again as 'CSV UTF-8'");
    return 0;
  }
  I->r.src = I->src;
  I->r.memo = &I->memo;
  I->r.nfc = cn_utf8_nfc_quick(I->src->text, I->src->len);
  I->r.names = &c->names;
  I->r.line = 1;
  I->r.sep = sep ? sep : guess_sep(I->src, I->path);
  if (!read_header(I) || !read_map(I) || !default_roles(I))
    return 0;
  if (I->ties && !I->has_layer && I->col[R_LAYER] < 0) {
    if (c->layers.n > 0) {
      cn_diag_error(I->diag, &s->loc, "these ties have no layer");
      cn_diag_hint(I->diag, "the case declares layers: import ties \"%s\" : "
                            "%s, or name a column of layers: { layer = 列名 "
                            "}", I->path, c->layers.items[0].name->str);
      return 0;
    }
    if (!c->implicit_tie.first_line)
      c->implicit_tie = s->loc;
  }
  import_rows(I);
  return 1;
}

int cn_import_stmt(cn_case *c, cn_diag *diag, const cn_ast *s) {
  int before = diag->errors;
  importer I;
  memset(&I, 0, sizeof I);
  I.c = c;
  I.diag = diag;
  I.s = s;
  I.path = s->u.import.path->str;
  I.kind = -1;
  I.layer = -1;
  for (int r = 0; r < R_COUNT; r++)
    I.col[r] = -1;
  import_file(&I);
  free(I.cols);
  cn_name_map_free(&I.colmap);
  free(I.r.f);
  free(I.r.buf);
  free(I.vc.keys);
  free(I.vc.vals);
  return diag->errors - before;
}
