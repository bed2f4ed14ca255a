/* natives_render.c — figures: dot(), render() and render_formats(), and the
 * `--render` command-line shortcut.  The figure itself is runtime/figure's
 * (figure.h); render() writes the files it draws. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "figure.h"

/* dot(sel, …): the DOT text of the network, before layout. */
static cn_value f_dot(cn_eval *E, cn_call *call) {
  return cn_str(cn_figure_dot(E, call));
}

/* render(sel, to="f.ext", …): write the figure. */
static cn_value f_render(cn_eval *E, cn_call *call) {
  cn_figure_opts o;
  cn_figure_parse_options(E, call, &o, 1);
  if (E->no_write)
    cn_eval_fail(E, &call->node->loc,
                 "dot(…) gives the same figure as text without writing",
                 "render() writes a file, and --no-write refuses every file "
                 "write");
  cn_figure_check_output(E, &o);
  cn_figure_output fo;
  cn_figure_render(E, call, &o, &fo);
  cn_render_result r = fo.result;
  for (int i = 0; i < r.nitems; i++) {
    char why[512];
    int tag = r.items[i].tag;
    if (tag < 0 || tag >= fo.npaths)
      continue;
    if (cn_render_write_file(fo.paths[tag], r.items[i].data, r.items[i].len, why,
                             sizeof why) != 0) {
      cn_render_result_free(&r);
      cn_eval_error(E, o.to_loc, "%s", why);
    }
  }
  cn_render_result_free(&r);
  return cn_nil();
}

/* render_formats(): which formats this Graphviz can write, and why not. */
static cn_value f_render_formats(cn_eval *E, cn_call *call) {
  cn_arg_count(E, call, 0, 0);
  size_t n;
  const cn_render_format *fm = cn_render_formats(&n);
  cn_name *keys[3] = {cn_intern_cstr(&E->c->names, "format"),
                      cn_intern_cstr(&E->c->names, "works"),
                      cn_intern_cstr(&E->c->names, "why_not")};
  cn_value t = cn_list_new(E->arena, (int64_t)n);
  for (size_t i = 0; i < n; i++) {
    cn_value r = cn_record_new(E->arena, 3);
    memcpy(r.u.rec->keys, keys, sizeof keys);
    r.u.rec->vals[0] = cn_str(fm[i].name);
    r.u.rec->vals[1] = cn_bool(fm[i].problem == NULL);
    r.u.rec->vals[2] = cn_str(fm[i].problem ? fm[i].problem : "");
    t.u.list->items[i] = r;
  }
  return t;
}

/* The expression `cnet FILE --render OUT [--stage S]` evaluates (owned
 * here until exit). */
static char *cli_expr;
static void free_cli_expr(void) { free(cli_expr); }
const char *cn_render_cli_expr(const char *to, const char *stage);
const char *cn_render_cli_expr(const char *to, const char *stage) {
  size_t n = strlen(to), k = 0;
  char *q = malloc(2 * n + 1);
  if (!q)
    return NULL;
  for (size_t i = 0; i < n; i++) {
    if (to[i] == '"' || to[i] == '\\')
      q[k++] = '\\';
    q[k++] = to[i];
  }
  q[k] = '\0';
  char *out;
  size_t len = 0;
  FILE *m = open_memstream(&out, &len);
  if (!m) {
    free(q);
    return NULL;
  }
  fprintf(m, "render(to=\"%s\"", q);
  if (stage && strcmp(stage, "all") == 0)
    fprintf(m, ", stages=all");
  else if (stage) {
    fputs(", stage=\"", m);
    for (const char *s = stage; *s; s++) {
      if (*s == '"' || *s == '\\')
        fputc('\\', m);
      fputc(*s, m);
    }
    fputc('"', m);
  }
  fputs(")", m);
  fclose(m);
  free(q);
  if (!cli_expr)
    atexit(free_cli_expr);
  free(cli_expr);
  cli_expr = out;
  return out;
}

const cn_native cn_natives_render[] = {
    {"dot",
     "(sel…, layout=, highlight=brokers|[actors], cluster=ATTR|GROUP, "
     "labels=true, title=, font=)",
     "the DOT text of a network as cnet builds it for Graphviz, before layout "
     "(styles by kind and layer, ids and classes per actor and tie)",
     f_dot},
    {"render",
     "(sel…, to=\"f.svg|png|pdf|dot\", layout=dot|neato|fdp|sfdp|circo, "
     "highlight=brokers|[actors], cluster=ATTR|GROUP, labels=true, title=, "
     "font=\"Noto Sans CJK SC\", stages=all|[S…], absent=grey|ties|hide, "
     "legend=true, dpi=300)",
     "write a figure of a network; stages= draws one panel per stage with "
     "every actor in the same place (to=\"fig-%s.svg\": one file per stage)",
     f_render},
    {"render_formats", "()",
     "the figure formats this Graphviz can write, and why a missing one is "
     "missing",
     f_render_formats},
};
const size_t cn_natives_render_n =
    sizeof cn_natives_render / sizeof *cn_natives_render;
