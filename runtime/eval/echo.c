/* echo.c — writing a top-level expression's source with its result (see
 * echo.h). */
#include "echo.h"

#include <string.h>

#include "shown.h"
#include "utf8.h"

/* Byte offset of code-point column col (from 1) in line[0..len). */
static size_t byte_of_column(const char *line, size_t len, int col) {
  size_t i = 0;
  for (int c = 1; c < col && i < len; c++) {
    i++;
    while (i < len && ((unsigned char)line[i] & 0xC0) == 0x80)
      i++;
  }
  return i;
}

/* Line k (first_line ≤ k ≤ last_line) of the text at loc: start and
 * length. */
static const char *piece(const cn_loc *loc, int k, size_t *n) {
  size_t len;
  const char *line = cn_src_line(loc->src, k, &len);
  size_t from = k == loc->first_line
                    ? byte_of_column(line, len, loc->first_column)
                    : 0;
  size_t to = k == loc->last_line ? byte_of_column(line, len, loc->last_column)
                                  : len;
  *n = to > from ? to - from : 0;
  return line + from;
}

void cn_echo_before(cn_eval *E, FILE *out, const cn_loc *loc) {
  if (E->format == CN_FMT_JSON || !loc->src)
    return;
  const char *first = E->format == CN_FMT_TABLE ? "> " : "# ";
  const char *more = E->format == CN_FMT_TABLE ? "+ " : "# ";
  for (int k = loc->first_line; k <= loc->last_line; k++) {
    size_t n;
    const char *s = piece(loc, k, &n);
    fputs(k == loc->first_line ? first : more, out);
    cn_shown_put(out, s, n, 0); /* an echo must not drive the terminal */
    fputc('\n', out);
  }
  fflush(out);
}

/* The text at loc, its lines joined by '\n', in E's arena. */
static char *source_text(cn_eval *E, const cn_loc *loc) {
  size_t total = 1;
  for (int k = loc->first_line; loc->src && k <= loc->last_line; k++) {
    size_t n;
    piece(loc, k, &n);
    total += n + 1;
  }
  char *text = cn_arena_alloc(E->arena, total), *p = text;
  for (int k = loc->first_line; loc->src && k <= loc->last_line; k++) {
    size_t n;
    const char *s = piece(loc, k, &n);
    if (k > loc->first_line)
      *p++ = '\n';
    memcpy(p, s, n);
    p += n;
  }
  *p = '\0';
  return text;
}

void cn_echo_result(cn_eval *E, FILE *out, const cn_loc *loc,
                    const cn_value *v) {
  if (E->format != CN_FMT_JSON) {
    if (v)
      cn_value_print(out, v, E->format);
    fflush(out);
    return;
  }
  cn_value r = cn_record_new(E->arena, 2);
  r.u.rec->keys[0] = cn_intern_cstr(&E->c->names, "expr");
  r.u.rec->vals[0] = cn_str(source_text(E, loc));
  r.u.rec->keys[1] = cn_intern_cstr(&E->c->names, v ? "value" : "error");
  r.u.rec->vals[1] = v ? *v : cn_bool(1);
  cn_value_print(out, &r, E->format);
  fflush(out);
}
