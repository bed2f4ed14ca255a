/* lexctx.c — the C side of the scanner: locations, keywords, numbers,
 * strings and escapes, identifier checks, brackets and statement ends. */
#include "lexctx.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "print.h"
#include "utf8.h"

void lex_locate(struct cn_lexctx *c, CN_LTYPE *loc, const char *text,
                size_t n) {
  loc->src = c->P->src;
  loc->first_line = c->line;
  loc->first_column = c->col;
  c->tok_start = c->offset;
  c->offset += n;
  if (n == 1 && text[0] != '\n') { /* most tokens: one ASCII character */
    c->col++;
    loc->last_line = c->line;
    loc->last_column = c->col;
    return;
  }
  for (size_t i = 0; i < n; i++) {
    unsigned char b = (unsigned char)text[i];
    if (b == '\n') {
      c->line++;
      c->col = 1;
    } else if ((b & 0xC0) != 0x80) {
      c->col++;
    }
  }
  loc->last_line = c->line;
  loc->last_column = c->col;
}

void lex_error(struct cn_lexctx *c, const CN_LTYPE *loc, const char *fmt, ...) {
  if (c->P->src->cut && lex_watch(c)) /* the zeros of a cut file */
    return;
  c->P->syntax_errors++;
  c->err_loc = *loc;
  if (c->P->quiet)
    return;
  va_list ap;
  va_start(ap, fmt);
  cn_diag_verror(c->P->diag, loc, fmt, ap);
  va_end(ap);
}

void lex_hint(struct cn_lexctx *c, const char *fmt, ...) {
  if (c->P->quiet)
    return;
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  cn_diag_hint(c->P->diag, "%s", buf);
}

/* ---- names that need quotes ----
 * A name written bare that is no identifier (Dall'Antella, C-Donati, 3M,
 * in) breaks into several tokens; the error then says how to quote it,
 * with the word as written. */

/* Does byte b end a word: space, or punctuation that separates names? */
static int separates(unsigned char b) {
  return b == ' ' || b == '\t' || b == '\r' || b == '\n' ||
         (b && strchr(",;:()[]{}=\"#", b));
}

void lex_word_at(const struct cn_lexctx *c, size_t at, size_t *a, size_t *b) {
  const char *t = c->P->src->text;
  size_t len = c->P->src->len, i = at < len ? at : len, j = i;
  while (i > 0 && !separates((unsigned char)t[i - 1]))
    i--;
  while (j < len && !separates((unsigned char)t[j]))
    j++;
  *a = i;
  *b = j;
}

size_t lex_word_before(const struct cn_lexctx *c, size_t at) {
  const char *t = c->P->src->text;
  while (at > 0 && (t[at - 1] == ' ' || t[at - 1] == '\t'))
    at--;
  return at > 0 && !separates((unsigned char)t[at - 1]) ? at - 1 : (size_t)-1;
}

/* Is word two years joined by a dash or a tilde (2010-2015, 2010–2015,
 * 2010~2015), the way other notations write a span?  Then *first_end and
 * *second are where the first year ends and the second begins. */
static int year_range(const char *word, size_t *first_end, size_t *second) {
  static const char *const joins[] = {"-", "~", "\xE2\x80\x93" /* – */,
                                      "\xE2\x80\x94" /* — */,
                                      "\xEF\xBD\x9E" /* ～ */};
  size_t i = 0;
  while (word[i] >= '0' && word[i] <= '9')
    i++;
  if (i == 0)
    return 0;
  for (size_t k = 0; k < sizeof joins / sizeof joins[0]; k++) {
    size_t n = strlen(joins[k]), j = i + n;
    if (strncmp(word + i, joins[k], n) != 0 || !(word[j] >= '0' && word[j] <= '9'))
      continue;
    size_t e = j;
    while (word[e] >= '0' && word[e] <= '9')
      e++;
    if (word[e] != '\0')
      return 0;
    *first_end = i;
    *second = j;
    return 1;
  }
  return 0;
}

int lex_hint_quote(struct cn_lexctx *c, size_t a, size_t b,
                   const char *alt) {
  if (b <= a || b - a > 300 || c->P->quiet)
    return 0; /* a hint must fit on a line or two */
  char word[304];
  memcpy(word, c->P->src->text + a, b - a);
  word[b - a] = '\0';
  if (cn_print_is_bare(word, 0))
    return 0;
  size_t first_end, second;
  if (year_range(word, &first_end, &second)) {
    cn_diag_hint(c->P->diag, "spans are written %.*s..%s (a name that "
                 "starts with a digit is written in quotes: \"%s\")",
                 (int)first_end, word, word + second, word);
    return 1;
  }
  char *quoted = NULL;
  size_t len = 0;
  FILE *m = open_memstream(&quoted, &len);
  if (!m)
    return 0;
  cn_print_string(m, word);
  fclose(m);
  const char *why = "a name with spaces, punctuation or symbols";
  if (cn_lex_keyword(word, b - a) == 2)
    why = "a keyword used as a name";
  else if (word[0] >= '0' && word[0] <= '9')
    why = "a name that starts with a digit";
  cn_diag_hint(c->P->diag, "%s is written in quotes: %s%s%s%s", why, quoted,
               alt ? " (or, " : "", alt ? alt : "", alt ? ")" : "");
  free(quoted);
  return 1;
}

/* After these tokens a statement cannot end, so a line break is just
 * space: `x |` newline `top(3)` is one statement. */
static int continues(int tok) {
  switch (tok) {
  case ',': case '|': case '+': case '-': case '*': case '/': case '=':
  case ':': case '<': case '>': case EQ: case NE: case LE: case GE:
  case AND: case OR: case NOT: case DASHDASH: case ARROW: case LARROW:
    return 1;
  default:
    return 0;
  }
}

int lex_tok(struct cn_lexctx *c, int tok) {
  c->glued = c->last != 0 && c->tok_start == c->last_end;
  c->prev = c->last;
  c->last = tok;
  c->last_end = c->offset;
  return tok;
}

int lex_newline_ends(struct cn_lexctx *c) {
  return c->depth == 0 && c->last != 0 && c->last != TERM && !continues(c->last);
}

int lex_number(struct cn_lexctx *c, const char *text, CN_STYPE *val,
               CN_LTYPE *loc) {
  double x = strtod(text, NULL);
  if (isinf(x)) {
    lex_error(c, loc, "number too large: %s", text);
    return lex_tok(c, CN_error);
  }
  int nonzero = 0; /* a digit 1-9 before the exponent */
  for (const char *p = text; *p && *p != 'e' && *p != 'E'; p++)
    nonzero |= *p >= '1' && *p <= '9';
  if (x == 0 && nonzero) {
    lex_error(c, loc, "number too small: %s would be read as 0", text);
    return lex_tok(c, CN_error);
  }
  val->num = x;
  return lex_tok(c, NUMBER);
}

static int hexval(char ch) {
  if (ch >= '0' && ch <= '9')
    return ch - '0';
  if (ch >= 'a' && ch <= 'f')
    return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F')
    return ch - 'A' + 10;
  return -1;
}

/* Location of bytes body[a..b) of a string token starting at `tok`. */
static CN_LTYPE sub_loc(const CN_LTYPE *tok, const char *body, size_t a,
                        size_t b, int skip_cols) {
  CN_LTYPE l = *tok;
  l.first_column = tok->first_column + skip_cols + (int)cn_utf8_count(body, a);
  l.last_column = l.first_column + (int)cn_utf8_count(body + a, b - a);
  l.last_line = l.first_line;
  return l;
}

/* Decode escapes of a string body into an interned name. */
static int finish_string(struct cn_lexctx *c, const char *body, size_t n,
                         CN_STYPE *val, CN_LTYPE *loc, int quote_cols) {
  char small[256] = "";
  char *buf = n < sizeof small ? small : malloc(n + 1);
  if (!buf) {
    fputs("cnet: out of memory\n", stderr);
    exit(70);
  }
  size_t o = 0;
  int bad = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char ch = (unsigned char)body[i];
    if (ch != '\\') {
      if ((ch < 0x20 && ch != '\t') || ch == 0x7F) {
        CN_LTYPE l = sub_loc(loc, body, i, i + 1, quote_cols);
        lex_error(c, &l, "control character 0x%02X in a string", ch);
        lex_hint(c, "write it as an escape such as \\n or \\t");
        bad = 1;
        continue;
      }
      buf[o++] = (char)ch;
      continue;
    }
    size_t start = i++;
    char e = i < n ? body[i] : '\0';
    switch (e) {
    case '"': buf[o++] = '"'; break;
    case '\\': buf[o++] = '\\'; break;
    case 'n': buf[o++] = '\n'; break;
    case 't': buf[o++] = '\t'; break;
    case 'u': {
      long cp = 0;
      size_t j = i + 1, digits = 0;
      if (j < n && body[j] == '{') {
        for (j++; j < n && hexval(body[j]) >= 0 && digits < 7; j++, digits++)
          cp = cp * 16 + hexval(body[j]);
      }
      if (digits == 0 || digits > 6 || j >= n || body[j] != '}' ||
          cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0) {
        size_t end = j < n && body[j] == '}' ? j + 1 : j;
        CN_LTYPE l = sub_loc(loc, body, start, end, quote_cols);
        lex_error(c, &l, "bad unicode escape");
        lex_hint(c, "write \\u{4F55}: 1 to 6 hex digits of a code point in braces");
        bad = 1;
        i = end ? end - 1 : i;
        break;
      }
      o += cn_utf8_encode((int32_t)cp, buf + o);
      i = j;
      break;
    }
    default: {
      int32_t cp;
      size_t k = cn_utf8_decode(body + i, n - i, &cp);
      CN_LTYPE l = sub_loc(loc, body, start, i + (k ? k : 1), quote_cols);
      lex_error(c, &l, "unknown escape '\\%.*s' in a string", (int)(k ? k : 1),
                body + i);
      lex_hint(c, "the escapes are \\\" \\\\ \\n \\t \\u{HEX}");
      bad = 1;
      if (k > 1)
        i += k - 1;
    }
    }
  }
  if (!bad)
    val->name = cn_intern_nfc(c->P->names, buf, o);
  if (buf != small)
    free(buf);
  return lex_tok(c, bad ? CN_error : STRING);
}

int lex_string(struct cn_lexctx *c, const char *body, size_t n, CN_STYPE *val,
               CN_LTYPE *loc) {
  return finish_string(c, body, n, val, loc, 1);
}

int lex_curly_string(struct cn_lexctx *c, const char *text, size_t n,
                     CN_STYPE *val, CN_LTYPE *loc) {
  CN_LTYPE q = *loc;
  q.last_line = q.first_line;
  q.last_column = q.first_column + 1;
  lex_error(c, &q, "full-width '\xE2\x80\x9C' (U+201C): use '\"'");
  lex_hint(c, "switch the input method to half-width punctuation for code");
  /* 3 bytes open; the close is ” (3 bytes) or " (1 byte) */
  size_t close = (unsigned char)text[n - 1] == '"' ? 1 : 3;
  finish_string(c, text + 3, n - 3 - close, val, loc, 1);
  return lex_tok(c, CN_error);
}

/* The keywords: this table is the only list of them (the printer asks
 * cn_lex_keyword, the REPL completes from cn_keywords). */
const cn_keyword cn_keywords[] = {
    {"case", 0, CASE},   {"layer", 0, LAYER},     {"kind", 0, KIND},
    {"stage", 0, STAGE}, {"actor", 0, ACTOR},     {"group", 0, GROUP},
    {"event", 0, EVENT}, {"let", 0, LET},         {"def", 0, DEF},
    {"include", 0, INCLUDE}, {"import", 0, IMPORT}, {"in", 1, IN},
    {"true", 1, TRUE},   {"false", 1, FALSE},     {"and", 1, AND},
    {"or", 1, OR},       {"not", 1, NOT},         {"for", 1, FOR},
    {"if", 1, IF},       {NULL, 0, 0},
};

/* Bit n of kw_lengths[b]: some keyword starts with byte b and is n bytes
 * long.  Most identifiers are ruled out by it without a comparison; it is
 * computed from the table, so a new keyword cannot be missed. */
static uint32_t kw_lengths[128];
static int kw_ready;

static void keyword_index_init(void) {
  for (int k = 0; cn_keywords[k].word; k++) {
    size_t n = strlen(cn_keywords[k].word);
    if (n < 32)
      kw_lengths[(unsigned char)cn_keywords[k].word[0] & 127] |= 1u << n;
  }
  kw_ready = 1;
}

/* The entry of cn_keywords[] for s[0..n), or -1. */
static inline int keyword_index(const char *s, size_t n, int stmt_start) {
  if (!kw_ready)
    keyword_index_init();
  unsigned char b = (unsigned char)s[0];
  if (n == 0 || n >= 32 || b >= 128 || !(kw_lengths[b] >> n & 1))
    return -1;
  for (int k = 0; cn_keywords[k].word; k++)
    if ((cn_keywords[k].anywhere || stmt_start) && cn_keywords[k].word[0] == s[0] &&
        strncmp(cn_keywords[k].word, s, n) == 0 && cn_keywords[k].word[n] == 0)
      return k;
  return -1;
}

int cn_lex_keyword(const char *s, size_t n) {
  int k = keyword_index(s, n, 1);
  return k < 0 ? 0 : cn_keywords[k].anywhere ? 2 : 1;
}

int lex_is_keyword(int tok) {
  for (int k = 0; cn_keywords[k].word; k++)
    if (cn_keywords[k].tok == tok)
      return 1;
  return 0;
}

static int ascii_token(char ch) {
  switch (ch) {
  case ';':
    return TERM;
  case ',': case ':': case '(': case ')': case '[': case ']': case '{':
  case '}': case '=': case '|': case '+': case '-': case '*': case '/':
  case '<': case '>': case '.':
    return ch;
  default:
    return 0;
  }
}

int lex_ident(struct cn_lexctx *c, const char *text, size_t n, CN_STYPE *val,
              CN_LTYPE *loc) {
  /* flex matched any run of letters and multibyte characters; keep the
   * longest prefix of identifier characters. */
  size_t i = 0;
  int32_t cp = 0;
  /* Names are kept in NFC (see cn_intern_nfc), so that a name typed on
   * macOS, which writes é as e + U+0301, is the name declared elsewhere;
   * locations count the code points of the text as written.  Most names
   * are NFC at a glance: */
  int nfc = 1;
  while (i < n) {
    /* flex lets through only [A-Za-z0-9_] among ASCII bytes, and no digit
     * first: those need no check */
    if ((unsigned char)text[i] < 0x80) {
      i++;
      continue;
    }
    size_t k = cn_utf8_decode(text + i, n - i, &cp);
    if (!k || !cn_utf8_ident_ok(cp, i == 0))
      break;
    nfc = nfc && cn_utf8_nfc_inert(cp);
    i += k;
  }
  if (i == 0) {
    /* the first character is no letter: a full-width mark or a symbol */
    size_t k = cn_utf8_decode(text, n, &cp);
    c->keep = (int)(k ? k : 1);
    c->offset = c->tok_start + (size_t)c->keep;
    c->line = loc->first_line;
    c->col = loc->first_column + 1;
    loc->last_line = loc->first_line;
    loc->last_column = c->col;
    char twin = cn_utf8_ascii_twin(cp);
    if (twin) {
      if (twin == ' ')
        lex_error(c, loc, "full-width space (U+%04X): use an ordinary space",
                  (unsigned)cp);
      else
        lex_error(c, loc, "full-width '%.*s' (U+%04X): use '%c'", c->keep,
                  text, (unsigned)cp, twin);
      int t = ascii_token(twin);
      if (!t)
        return 0; /* skip it and go on */
      if (t == '(' || t == '[' || t == '{')
        return lex_open(c, (char)t, loc);
      if (t == ')' || t == ']' || t == '}')
        return lex_close(c, (char)t, loc);
      return lex_tok(c, t);
    }
    lex_error(c, loc, "unexpected character '%.*s' (U+%04X)", c->keep, text,
              (unsigned)cp);
    size_t a, b;
    lex_word_at(c, c->tok_start, &a, &b);
    if (cp >= 0x2190 && cp <= 0x21FF)
      lex_hint(c, "ties are written with '--', '->' or '<-'");
    else
      lex_hint_quote(c, a, b, NULL);
    return lex_tok(c, CN_error);
  }
  c->keep = (int)i;
  if (i < n) { /* give back the rest: yyless(keep) in the action */
    c->offset = c->tok_start + i;
    c->line = loc->first_line;
    c->col = loc->first_column + (int)cn_utf8_count(text, i);
    loc->last_line = c->line;
    loc->last_column = c->col;
  }
  int stmt_start = c->depth == 0 && (c->last == 0 || c->last == TERM);
  int kw = keyword_index(text, i, stmt_start);
  if (kw >= 0)
    return lex_tok(c, cn_keywords[kw].tok);
  val->name = nfc ? cn_intern(c->P->names, text, i)
                  : cn_intern_nfc(c->P->names, text, i);
  return lex_tok(c, IDENT);
}

int lex_open(struct cn_lexctx *c, char ch, CN_LTYPE *loc) {
  if (c->depth >= CN_MAX_NESTING) {
    if (!c->too_deep)
      lex_error(c, loc, "brackets nested more than %d deep", CN_MAX_NESTING);
    c->too_deep = 1;
    return lex_tok(c, CN_EOF);
  }
  c->open[c->depth] = ch;
  c->open_loc[c->depth] = *loc;
  c->depth++;
  return lex_tok(c, ch);
}

int lex_close(struct cn_lexctx *c, char ch, CN_LTYPE *loc) {
  char want = ch == ')' ? '(' : ch == ']' ? '[' : '{';
  if (c->depth == 0) {
    lex_error(c, loc, "'%c' without a matching '%c'", ch, want);
    return lex_tok(c, CN_error);
  }
  if (c->open[c->depth - 1] != want) {
    char o = c->open[c->depth - 1];
    lex_error(c, loc, "'%c' closes '%c'", ch, o);
    if (!c->P->quiet)
      cn_diag_note(c->P->diag, &c->open_loc[c->depth - 1], "'%c' opened here", o);
  }
  c->depth--;
  return lex_tok(c, ch);
}

int lex_stray(struct cn_lexctx *c, unsigned char ch, CN_LTYPE *loc) {
  if (ch < 0x20 || ch == 0x7F) {
    lex_error(c, loc, "control character 0x%02X", ch);
    return lex_tok(c, CN_error);
  }
  lex_error(c, loc, "unexpected character '%c'", ch);
  const char *t = c->P->src->text;
  size_t a, b;
  lex_word_at(c, c->tok_start, &a, &b);
  int first = a == c->tok_start;
  if (ch == '\'' && b - a >= 2 && t[a] == '\'' && t[b - 1] == '\'')
    lex_hint(c, "strings are written in double quotes: \"…\"");
  else if (ch == '!' && first)
    lex_hint(c, "'not' negates; '!=' compares");
  else if (ch == '&' && b - a <= 2)
    lex_hint(c, "write 'and'");
  else if (b - a > 1) /* in a name: Dall'Antella, AT&T, @home */
    lex_hint_quote(c, a, b, NULL);
  return lex_tok(c, CN_error);
}

int lex_eof(struct cn_lexctx *c, CN_LTYPE *loc) {
  loc->src = c->P->src;
  loc->first_line = loc->last_line = c->line;
  loc->first_column = loc->last_column = c->col;
  /* End the last statement unless it is visibly unfinished (an open
   * bracket, a trailing operator): then report end of file, which marks
   * the input incomplete for the REPL. */
  if (!c->eof_term && !c->too_deep && c->depth == 0 && c->last != 0 &&
      c->last != TERM && !continues(c->last)) {
    c->eof_term = 1;
    return lex_tok(c, TERM);
  }
  return lex_tok(c, CN_EOF);
}

/* ---- prefetching names ----
 * Looking a name up costs two cache misses on a large case (its table slot,
 * then its record), and a tie line holds two or three names.  At each line
 * break the names CN_PF_AHEAD lines ahead are hashed and their table slots
 * fetched, and the records of the names half as far ahead (their slots are
 * in the cache by then) are fetched too, so that the misses overlap with
 * the parsing in between — a fast line takes less time than a miss.  Hints
 * only: nothing depends on them. */

/* Hash the names on the line at p into ring entry `k` and fetch their
 * table slots; returns the start of the next line, or NULL. */
static const char *prefetch_line(struct cn_lexctx *c, const char *p,
                                 const char *end, int k) {
  uint32_t h = CN_INTERN_HASH0;
  size_t n = 0;
  int number = 0;
  c->pf_n[k] = 0;
  for (; p <= end; p++) {
    unsigned char b = p < end ? (unsigned char)*p : '\n';
    if (b >= 0x80 || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') ||
        (b >= '0' && b <= '9') || b == '_') {
      if (n == 0 && b >= '0' && b <= '9')
        number = 1;
      h = cn_intern_hash_step(h, b);
      n++;
      continue;
    }
    if (n > 0 && !number && c->pf_n[k] < CN_PF_NAMES) {
      cn_intern_prefetch(c->P->names, h, 1);
      c->pf_hash[k][c->pf_n[k]++] = h;
    }
    h = CN_INTERN_HASH0;
    n = 0;
    number = 0;
    if (b == '\n')
      return p < end ? p + 1 : NULL;
  }
  return NULL;
}

static void lex_prefetch(struct cn_lexctx *c) {
  const char *text = c->P->src->text, *end = text + c->P->src->len;
  int line = c->line; /* starts at text + c->offset */
  if (c->pf_line != line) { /* the first line, or lines went uncounted */
    const char *p = text + c->offset;
    for (int k = 0; k < CN_PF_AHEAD; k++)
      p = p && p < end ? prefetch_line(c, p, end, (line + k) % CN_PF_AHEAD)
                       : (c->pf_n[(line + k) % CN_PF_AHEAD] = 0, NULL);
    c->pf_next = p;
  }
  int half = (line + CN_PF_AHEAD / 2) % CN_PF_AHEAD;
  for (int j = 0; j < c->pf_n[half]; j++)
    cn_intern_prefetch(c->P->names, c->pf_hash[half][j], 2);
  /* this line is being read: its entry takes the line AHEAD lines on */
  int k = line % CN_PF_AHEAD;
  if (c->pf_next && c->pf_next < end)
    c->pf_next = prefetch_line(c, c->pf_next, end, k);
  else
    c->pf_n[k] = 0;
  c->pf_line = line + 1;
}

/* Text this far behind the scanner is not looked at again while parsing
 * (messages look back to the start of their line at most). */
#define RELEASE_BEHIND ((size_t)256 << 10)

void lex_new_line(struct cn_lexctx *c) {
  lex_prefetch(c);
  if (c->offset > RELEASE_BEHIND)
    cn_src_release(c->P->src, c->offset - RELEASE_BEHIND);
  if (c->offset >= c->watch_at)
    lex_watch(c);
}

int lex_watch(struct cn_lexctx *c) {
  const cn_source *src = c->P->src;
  int why = src->cut ? CN_READ_CUT : CN_READ_ON;
  if (c->offset >= c->watch_at) { /* a step further: a full look */
    c->watch_at = c->offset + CN_READ_STEP;
    why = c->offset ? cn_src_reading(src, c->offset) : why;
  }
  if (why == CN_READ_ON || c->P->stop)
    return why != CN_READ_ON;
  if (!c->P->quiet) {
    cn_loc at = {c->line, 1, c->line, 1, src};
    cn_src_read_stopped(c->P->diag, &at, src, why);
  }
  c->P->syntax_errors++;
  c->P->stop = 1;
  c->P->quiet = 1;
  c->in_left = 0;
  return 1;
}
