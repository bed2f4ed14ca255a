/* natives_render.c — figures: dot(), render() and render_formats(), and the
 * `--render` command-line shortcut.  The figure itself is runtime/figure's
 * (figure.h); render() writes the files it draws. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "builtins.h"
#include "figure.h"
#include "utf8.h"
#include "where.h"

/* dot(sel, …): the DOT text of the network, before layout. */
static cn_value f_dot(cn_eval *E, cn_call *call) {
  return cn_str(cn_figure_dot(E, call));
}

/* render(sel, to="f.ext", …): write the figure; the files of one call (one
 * per stage with to="fig-%s.svg") are complete before any takes its name. */
static cn_value f_render(cn_eval *E, cn_call *call) {
  cn_figure_opts o;
  cn_figure_parse_options(E, call, &o, 1);
  cn_figure_check_output(E, &o);
  if (strcmp(o.format, "html") == 0)
    cn_figure_page_stages(E, call, &o);
  cn_figure_output fo;
  cn_figure_render(E, call, &o, &fo);
  cn_render_result r = fo.result;
  cn_out *out = cn_out_new();
  char why[512];
  int rc = 0;
  for (int i = 0; i < r.nitems && rc == 0; i++) {
    int tag = r.items[i].tag;
    if (tag < 0 || tag >= fo.npaths)
      continue;
    const cn_out_file *f = cn_out_add(out, fo.paths[tag], 0, &rc, why, sizeof why);
    if (f)
      fwrite(r.items[i].data, 1, r.items[i].len, f->f);
  }
  if (rc == 0)
    rc = cn_out_commit(out, why, sizeof why);
  else
    cn_out_abort(out);
  cn_render_result_free(&r);
  if (rc == CN_OUT_REFUSED)
    cn_eval_fail(E, o.to_loc,
                 "dot(…) gives the same figure as text without writing", "%s",
                 why);
  if (cn_out_refusal_hint(rc))
    cn_eval_fail(E, o.to_loc, cn_out_refusal_hint(rc), "%s", why);
  if (rc != 0)
    cn_eval_error(E, o.to_loc, "%s", why);
  return cn_nil();
}

/* render_formats(): which formats this Graphviz can write, and why not. */
static cn_value f_render_formats(cn_eval *E, cn_call *call) {
  cn_arg_count(E, call);
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

/* The expression `cnet FILE --render OUT [--stage S]` evaluates, and which
 * option each of its arguments came from (owned here until exit). */
static char *cli_expr;
static char *cli_typed[3]; /* "--render F", "--stage S", both */
static cn_src_origin cli_origins[3];
static void free_cli_expr(void) {
  free(cli_expr);
  cli_expr = NULL;
  for (size_t i = 0; i < sizeof cli_typed / sizeof cli_typed[0]; i++) {
    free(cli_typed[i]);
    cli_typed[i] = NULL;
  }
}

static void put_quoted(FILE *m, const char *s) {
  fputc('"', m);
  for (; *s; s++) {
    if (*s == '"' || *s == '\\')
      fputc('\\', m);
    fputc(*s, m);
  }
  fputc('"', m);
}

static char *joined(const char *a, const char *b, const char *c,
                    const char *d) {
  size_t n = strlen(a) + strlen(b) + strlen(c) + strlen(d) + 1;
  char *s = malloc(n);
  if (s)
    snprintf(s, n, "%s%s%s%s", a, b, c, d);
  return s;
}

const char *cn_render_cli_expr(const char *to, const char *stage,
                               const cn_src_origin **origins, size_t *n);
const char *cn_render_cli_expr(const char *to, const char *stage,
                               const cn_src_origin **origins, size_t *n) {
  char *out;
  size_t len = 0;
  FILE *m = open_memstream(&out, &len);
  if (!m)
    return NULL;
  long at[4]; /* byte offsets: to= starts, ends; stage(s)= starts, ends */
  fputs("render(", m);
  at[0] = ftell(m);
  fputs("to=", m);
  put_quoted(m, to);
  at[1] = at[2] = at[3] = ftell(m);
  if (stage) {
    fputs(", ", m);
    at[2] = ftell(m);
    if (strcmp(stage, "all") == 0)
      fputs("stages=all", m);
    else {
      fputs("stage=", m);
      put_quoted(m, stage);
    }
    at[3] = ftell(m);
  }
  fputs(")", m);
  fclose(m);
  static int registered;
  if (!registered)
    atexit(free_cli_expr);
  registered = 1;
  free_cli_expr();
  cli_expr = out;
  int col[4];
  for (int i = 0; i < 4; i++)
    col[i] = 1 + (int)cn_utf8_count(out, (size_t)at[i]);
  cli_typed[0] = joined("--render ", to, "", "");
  cli_typed[1] = stage ? joined("--stage ", stage, "", "") : NULL;
  cli_typed[2] = joined("--render ", to, stage ? " --stage " : "",
                        stage ? stage : "");
  size_t k = 0;
  cli_origins[k++] = (cn_src_origin){col[0], col[1], cli_typed[0]};
  if (stage)
    cli_origins[k++] = (cn_src_origin){col[2], col[3], cli_typed[1]};
  cli_origins[k++] = (cn_src_origin){1, col[3] + 2, cli_typed[2]};
  *origins = cli_origins;
  *n = k;
  return out;
}

/* The arguments dot() and render() share. */
#define FIGURE_ARGS(font_def)                                               \
  CN_KEY("highlight", CN_A_ACTORS, NULL, "brokers|[actors]"),               \
      CN_KEY("cluster", CN_A_ANY, NULL, "ATTR|GROUP"),                      \
      CN_KEY("labels", CN_A_ANY, "true", "false|[actors]"),                 \
      CN_KEY("title", CN_A_TEXT, NULL, NULL),                               \
      CN_KEY("font", CN_A_TEXT, font_def, NULL),                            \
      CN_KEY("lang", CN_A_TEXT, NULL, "\"zh\"|\"en\""),                   \
      CN_KEY("fontsize", CN_A_NUMBER, "8", NULL),                           \
      CN_KEY("theme", CN_A_TEXT, "\"color\"", "\"print\""),                 \
      CN_KEY("node_size", CN_A_WORD, NULL,                                  \
             "constraint|betweenness|degree|effsize|ATTR"),                 \
      CN_KEY("tie_width", CN_A_WORD, NULL, "weight"),                       \
      CN_KEY("focus", CN_A_ACTOR, NULL, NULL)

const cn_native cn_natives_render[] = {
    {"dot", CN_ARGS(CN_KEY("layout", CN_A_WORD, NULL, NULL), FIGURE_ARGS(NULL)),
     1,
     "the DOT text of a network as cnet builds it for Graphviz, before layout "
     "(styles by kind and layer, ids and classes per actor and tie); its "
     "first line names the Graphviz command that draws it",
     f_dot},
    {"render",
     CN_ARGS(CN_KEY("to", CN_A_FILE, NULL, "\"f.svg|png|pdf|eps|dot|html\""),
             CN_KEY("layout", CN_A_WORD, "dot", "neato|fdp|sfdp|circo"),
             FIGURE_ARGS("\"Noto Sans CJK SC\""),
             CN_KEY("stages", CN_A_ANY, "all", "[S…]"),
             CN_KEY("layers", CN_A_ANY, "all", "[L…]"),
             CN_KEY("absent", CN_A_WORD, "grey", "ties|hide"),
             CN_KEY("legend", CN_A_BOOL, "true", NULL),
             CN_KEY("changes", CN_A_BOOL, "false", NULL),
             CN_KEY("dpi", CN_A_NUMBER, "300", NULL),
             CN_KEY("width", CN_A_TEXT, "\"auto\"", "\"14cm\"|\"5.5in\"|\"397pt\"")),
     1,
     "write a figure of a network; stages= draws one panel per stage with "
     "every actor in the same place (to=\"fig-%s.svg\": one file per stage; "
     "to=\"case.html\": one offline page to explore every stage, its measures "
     "and evidence), layers= one panel per layer; the page is width= wide "
     "(auto: 14cm, or as wide as the labels need; PNG at dpi=), labels "
     "fontsize= points on it; theme=\"print\": greys only",
     f_render},
    {"render_formats", NULL, 0,
     "the figure formats this Graphviz can write, and why a missing one is "
     "missing",
     f_render_formats},
};
const size_t cn_natives_render_n =
    sizeof cn_natives_render / sizeof *cn_natives_render;
