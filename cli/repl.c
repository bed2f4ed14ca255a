/* repl.c — the interactive session (see repl.h) at a terminal or on a pipe.
 *
 * One input is one complete statement or more, possibly over several lines:
 * the session says whether the text so far ends inside a statement
 * (cn_session_unfinished: the grammar decides), and the REPL then asks for
 * another line with a continuation prompt.  A complete input goes to the
 * session (runtime/eval/session.h), which runs it all or nothing; line
 * numbers continue from the previous inputs, so errors read
 * <repl>:LINE:COL.  This file keeps the terminal, the meta-commands,
 * history and completion.
 *
 * Line editing uses libedit through its readline-compatible interface.
 * Its callbacks take no user data, so the session being edited is held in
 * one static pointer (`active`), set only while the terminal loop runs. */
#define _XOPEN_SOURCE 700
#include "repl.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <editline/readline.h>

#include "atomic.h"
#include "builtins.h"
#include "case.h"
#include "eval.h"
#include "history.h"
#include "lang.h"
#include "measures.h"
#include "prelude.h"
#include "print.h"
#include "session.h"
#include "shown.h"
#include "snapshot.h"
#include "suggest.h"
#include "utf8.h"
#include "where.h"

#define PROMPT "cnet> "
#define PROMPT_MORE " ...> "
enum { HISTORY_MAX = 1000 };

typedef struct repl {
  cn_session *s;
  cn_diag diag;
  int tty;         /* a terminal: prompts, line editing, Ctrl-C */
  int line;        /* lines read so far: the next input starts at line+1 */
  int failed;      /* inputs that failed */
  int quit;
  char *pending;   /* an unfinished statement, lines joined by '\n' */
  size_t plen, pcap;
  int plines;      /* lines in pending */
  int pcomment;    /* some line of pending has a '#' (history keeps '\n') */
  char *history;   /* history file, or NULL */
  FILE *devnull;   /* where quiet parses and re-runs report */
} repl;

static repl *active; /* the session libedit's completion works on */

static volatile sig_atomic_t got_sigint;
static volatile sig_atomic_t running; /* a query runs (not at the prompt) */

static void on_sigint(int sig) {
  (void)sig;
  got_sigint = 1;
  cn_measure_interrupt = 1;
  if (running) /* end the line the terminal echoed ^C on */
    (void)!write(STDERR_FILENO, "\n", 1);
}

/* ---- inputs ---- */

/* Count an input that failed, or that computed the lets again and one of
 * them failed (the script of the session would report that error too). */
static void count_failure(repl *R, int rc, size_t let_failures_before) {
  R->failed += rc != 0 || R->s->let_failures != let_failures_before;
}

/* Load and run one complete input. */
static int run_input(repl *R, const char *text, size_t len, int line_base) {
  size_t let_failures = R->s->let_failures;
  int rc = cn_session_run(R->s, text, len, line_base);
  count_failure(R, rc, let_failures);
  return rc;
}

/* ---- meta-commands ---- */

static void meta_error(repl *R, const char *line, int col, int width,
                       const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* An error about a meta-command, shown at its place on the line. */
static void meta_error(repl *R, const char *line, int col, int width,
                       const char *hint, const char *fmt, ...) {
  cn_source *src = cn_session_source(line, strlen(line), R->line - 1, &R->diag);
  cn_loc l = {1, col, 1, col + (width > 0 ? width : 1), src};
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  cn_diag_error(&R->diag, src ? &l : NULL, "%s", msg);
  if (hint)
    cn_diag_hint(&R->diag, "%s", hint);
  cn_src_free(src);
  R->failed++;
}

static const struct meta_cmd {
  const char *name, *args, *doc;
} meta_cmds[] = {
    {"help", "[NAME]", "list the functions, or show one (also :help :CMD)"},
    {"load", "FILE", "run a script into the session (all or nothing)"},
    {"reload", "", "read the files again into a fresh case (what was typed "
                   "in the session is dropped)"},
    {"format", "[table|csv|tsv|json]", "how results are printed"},
    {"save", "FILE", "write the case as it now stands as a .cnet script (:save! FILE overwrites a script the session loaded)"},
    {"stages", "", "the stages: label, span and state move"},
    {"actors", "", "the actors (same as actors())"},
    {"quit", "", "leave (so does Ctrl-D)"},
};
enum { NMETA = sizeof meta_cmds / sizeof *meta_cmds };

static const char *const formats[] = {"table", "csv", "tsv", "json", NULL};

/* Space-padded to a display width (names may be Chinese). */
static void pad(FILE *out, const char *s, int width) {
  fputs(s, out);
  for (int w = cn_utf8_str_width(s, strlen(s)); w < width; w++)
    fputc(' ', out);
}

static const cn_func *session_def(const cn_eval *E, const char *name) {
  for (size_t i = E->gnames.n; i-- > 0;)
    if (E->gvalues.items[i].t == CN_V_FUNC &&
        strcmp(E->gnames.items[i]->str, name) == 0)
      return E->gvalues.items[i].u.fn;
  return NULL;
}

/* Is this def the prelude's (not typed or loaded by the user)? */
static int from_prelude(const cn_func *f) {
  return f->def->loc.src && strcmp(f->def->loc.src->name, "<prelude>") == 0;
}

static void help_all(repl *R) {
  const cn_eval *E = R->s->E;
  printf("Built-in functions (:help NAME for one):\n");
  for (size_t i = 0; i < E->nnatives; i++) {
    printf("  ");
    pad(stdout, E->natives[i].name, 12);
    printf(" %s\n", E->natives[i].doc);
  }
  size_t np;
  const cn_prelude_doc *pd = cn_prelude_docs(&np);
  if (np) {
    printf("\nThe prelude (written in cnet):\n");
    for (size_t i = 0; i < np; i++) {
      printf("  ");
      pad(stdout, pd[i].name, 12);
      printf(" %s\n", pd[i].doc);
    }
  }
  int header = 0;
  for (size_t i = 0; i < E->gnames.n; i++) {
    if (E->gvalues.items[i].t != CN_V_FUNC || from_prelude(E->gvalues.items[i].u.fn))
      continue;
    if (!header++)
      printf("\nDefined with def (:help NAME shows one):\n");
    const cn_ast *d = E->gvalues.items[i].u.fn->def;
    printf("  %s(", d->u.def.id.name->str);
    for (int k = 0; k < d->u.def.params.n; k++)
      printf("%s%s", k ? ", " : "", d->u.def.params.items[k].name->str);
    printf(")\n");
  }
  printf("\nSelection arguments (any network function):");
  for (int k = 0; cn_selection_keys[k]; k++)
    printf(" %s=", cn_selection_keys[k]);
  printf(" ATTR=\n\nCommands:\n");
  for (int i = 0; i < NMETA; i++) {
    char head[64];
    snprintf(head, sizeof head, ":%s %s", meta_cmds[i].name, meta_cmds[i].args);
    printf("  ");
    pad(stdout, head, 28);
    printf(" %s\n", meta_cmds[i].doc);
  }
  printf("\nA statement left open (a bracket, a trailing operator) continues "
         "on the next line.\nCtrl-C stops a long query; Ctrl-D or :quit "
         "leaves.\n");
}

static void help_one(repl *R, const char *line, const char *name, int col) {
  const cn_eval *E = R->s->E;
  if (name[0] == ':') {
    for (int i = 0; i < NMETA; i++)
      if (strcmp(name + 1, meta_cmds[i].name) == 0) {
        printf(":%s %s\n  %s\n", meta_cmds[i].name, meta_cmds[i].args,
               meta_cmds[i].doc);
        return;
      }
  }
  const cn_func *f = session_def(E, name);
  if (f && !from_prelude(f)) {
    const cn_loc *l = &f->def->loc;
    cn_print_stmt(stdout, f->def);
    if (l->src)
      printf("\n  (defined at %s:%d)\n", l->src->name,
             l->first_line + l->src->line_base);
    else
      printf("\n");
    return;
  }
  const cn_native *nat = cn_eval_native(E, name);
  if (nat) {
    char sig[1024];
    printf("%s%s\n  %s\n", nat->name,
           cn_native_signature(nat, sig, sizeof sig), nat->doc);
    if (nat->sel) {
      printf("  sel…: ");
      for (int k = 0; cn_selection_keys[k]; k++)
        printf("%s%s=", k ? ", " : "", cn_selection_keys[k]);
      printf(", or an actor attribute (kind=企业)\n");
    }
    return;
  }
  size_t np;
  const cn_prelude_doc *pd = cn_prelude_docs(&np);
  for (size_t i = 0; i < np; i++)
    if (strcmp(pd[i].name, name) == 0) {
      printf("%s%s\n  %s\n  (from the prelude, written in cnet)\n",
             pd[i].name, pd[i].params, pd[i].doc);
      return;
    }
  cn_suggest sg;
  cn_suggest_init(&sg, name);
  for (size_t i = 0; i < E->nnatives; i++)
    cn_suggest_offer(&sg, E->natives[i].name);
  for (size_t i = 0; i < np; i++)
    cn_suggest_offer(&sg, pd[i].name);
  for (size_t i = 0; i < E->gnames.n; i++)
    if (E->gvalues.items[i].t == CN_V_FUNC)
      cn_suggest_offer(&sg, E->gnames.items[i]->str);
  char hint[256];
  if (sg.best)
    snprintf(hint, sizeof hint, "did you mean '%s'?", sg.best);
  meta_error(R, line, col, (int)cn_utf8_count(name, strlen(name)),
             sg.best ? hint : "':help' lists the functions",
             "unknown function '%s'", name);
}


/* A file argument: surrounding quotes dropped, a leading ~/ expanded. */
static char *path_of(const char *arg) {
  size_t n = strlen(arg);
  char *p;
  if (n >= 2 && arg[0] == '"' && arg[n - 1] == '"') {
    p = cn_xmalloc(n - 1);
    memcpy(p, arg + 1, n - 2);
    p[n - 2] = '\0';
  } else {
    p = cn_xstrdup(arg);
  }
  const char *home = getenv("HOME");
  if (p[0] == '~' && p[1] == '/' && home) {
    size_t k = strlen(home) + strlen(p);
    char *q = cn_xmalloc(k);
    snprintf(q, k, "%s%s", home, p + 1);
    free(p);
    p = q;
  }
  return p;
}

/* :load FILE — its declarations, lets and defs take effect and its
 * queries print; after any error nothing of it stays. */
static void meta_load(repl *R, const char *arg) {
  char *path = path_of(arg);
  size_t let_failures = R->s->let_failures;
  count_failure(R, cn_session_load(R->s, path), let_failures);
  cn_where_add_script(path); /* its folder may be written, as a script's */
  free(path);
}

/* :reload — the files again, into a fresh case; the old session stays
 * if they no longer load. */
/* Where :save and :reload say what they did: the screen on a terminal;
 * through a pipe, standard error, so that standard output holds only
 * results (-f json stays one value a line). */
static FILE *said(const repl *R) { return R->tty ? stdout : stderr; }

static void meta_reload(repl *R) {
  int run_errors = 0;
  int errors = cn_session_reload(&R->s, &run_errors);
  if (run_errors)
    R->failed++; /* reported; the case itself loaded */
  if (errors) {
    fprintf(stderr, "cnet: the reload failed; the session is as it was\n");
    R->failed++;
    return;
  }
  FILE *out = said(R);
  if (R->s->nfiles == 0)
    fprintf(out, "a fresh, empty case");
  for (size_t i = 0; i < R->s->nfiles; i++)
    fprintf(out, "%s%s", i ? ", " : "reloaded ", R->s->files[i]);
  fprintf(out, " (what was typed in the session — declarations, let, def — "
               "is gone)\n");
}

static void meta_save(repl *R, const char *line, const char *arg, int col,
                      int force) {
  char *path = path_of(arg);
  /* a script the session loaded holds comments and queries :save does not
   * write: overwriting it takes :save! */
  if (!force && cn_session_read_file(R->s, path)) {
    meta_error(R, line, col, (int)cn_utf8_count(arg, strlen(arg)),
               "write to another file, or use ':save! FILE' to overwrite it",
               "'%s' is a script this session loaded: :save would replace "
               "its comments and queries", arg);
    free(path);
    return;
  }
  char why[1024];
  int rc = cn_session_save(R->s, path, why, sizeof why);
  if (rc == CN_OUT_REFUSED) {
    meta_error(R, line, col, (int)cn_utf8_count(arg, strlen(arg)),
               "cnet was started with --no-write", "%s", why);
  } else if (cn_out_refusal_hint(rc)) {
    meta_error(R, line, col, (int)cn_utf8_count(arg, strlen(arg)),
               cn_out_refusal_hint(rc), "%s", why);
  } else if (rc != 0) {
    cn_diag_plain_error(&R->diag, "%s", why);
    R->failed++;
  } else
    fprintf(said(R), "saved %s: %zu actors, %zu ties, %zu let/def\n", path,
            R->s->c.actors.n, R->s->c.ties.n, cn_session_bindings(R->s));
  free(path);
}

/* :stages and :actors run a query of their own. */
static void meta_query(repl *R, const char *text) {
  run_input(R, text, strlen(text), R->line - 1);
}

static int is_space(char ch) { return ch == ' ' || ch == '\t' || ch == '\r'; }

static int is_meta(const char *line) {
  while (is_space(*line))
    line++;
  return *line == ':';
}

/* Run a meta-command line (its first non-blank character is ':'). */
static void meta(repl *R, const char *line) {
  const char *p = line;
  while (is_space(*p))
    p++;
  const char *word = ++p;
  while (*p && !is_space(*p))
    p++;
  size_t wn = (size_t)(p - word);
  while (is_space(*p))
    p++;
  size_t an = strlen(p);
  while (an && is_space(p[an - 1]))
    an--;
  char *arg = cn_xmalloc(an + 1);
  memcpy(arg, p, an);
  arg[an] = '\0';
  char *name = cn_xmalloc(wn + 1);
  memcpy(name, word, wn);
  name[wn] = '\0';
  int wcol = 1 + (int)cn_utf8_count(line, (size_t)(word - line));
  int acol = 1 + (int)cn_utf8_count(line, (size_t)(p - line));
  int wwidth = (int)cn_utf8_count(name, wn);
  const char *cmd = NULL;
  int force = 0; /* :save! FILE overwrites a file the session loaded */
  if (strcmp(name, "save!") == 0) {
    force = 1;
    name[4] = '\0';
  }
  for (int i = 0; i < NMETA; i++)
    if (strcmp(name, meta_cmds[i].name) == 0)
      cmd = meta_cmds[i].name;
  if (strcmp(name, "q") == 0 || strcmp(name, "exit") == 0)
    cmd = "quit";
  else if (strcmp(name, "h") == 0 || strcmp(name, "?") == 0)
    cmd = "help";
  int takes_arg = cmd && (strcmp(cmd, "help") == 0 || strcmp(cmd, "load") == 0 ||
                          strcmp(cmd, "format") == 0 || strcmp(cmd, "save") == 0);
  int needs_arg = cmd && (strcmp(cmd, "load") == 0 || strcmp(cmd, "save") == 0);
  if (!cmd) {
    cn_suggest sg;
    cn_suggest_init(&sg, name);
    for (int i = 0; i < NMETA; i++)
      cn_suggest_offer(&sg, meta_cmds[i].name);
    char hint[128];
    snprintf(hint, sizeof hint, "did you mean ':%s'?", sg.best ? sg.best : "");
    if (wn == 0)
      meta_error(R, line, wcol - 1, 1, "':help' lists the commands",
                 "a command name must follow ':'");
    else
      meta_error(R, line, wcol - 1, wwidth + 1,
                 sg.best ? hint : "':help' lists the commands",
                 "unknown command ':%s'", name);
  } else if (!takes_arg && an) {
    meta_error(R, line, acol, (int)cn_utf8_count(arg, an), NULL,
               "':%s' takes no argument", cmd);
  } else if (needs_arg && !an) {
    meta_error(R, line, wcol - 1, wwidth + 1, NULL,
               "':%s' needs a file name", cmd);
  } else if (strcmp(cmd, "quit") == 0) {
    R->quit = 1;
  } else if (strcmp(cmd, "help") == 0) {
    if (an)
      help_one(R, line, arg, acol);
    else
      help_all(R);
  } else if (strcmp(cmd, "load") == 0) {
    meta_load(R, arg);
  } else if (strcmp(cmd, "reload") == 0) {
    meta_reload(R);
  } else if (strcmp(cmd, "save") == 0) {
    meta_save(R, line, arg, acol, force);
  } else if (strcmp(cmd, "stages") == 0) {
    if (R->s->c.stages.n == 0)
      printf("(no stages)\n");
    else
      meta_query(R, "[{stage: s, label: s.label, span: s.span, move: s.move} "
                    "for s in stages()]");
  } else if (strcmp(cmd, "actors") == 0) {
    meta_query(R, "actors()");
  } else if (strcmp(cmd, "format") == 0) {
    int k = -1;
    for (int i = 0; formats[i]; i++)
      if (strcmp(arg, formats[i]) == 0)
        k = i;
    if (!an) {
      printf("%s\n", formats[R->s->cfg.format]);
    } else if (k < 0) {
      meta_error(R, line, acol, (int)cn_utf8_count(arg, an),
                 "the formats are table, csv, tsv and json",
                 "unknown format '%s'", arg);
    } else {
      cn_session_set_format(R->s, (cn_format)k);
    }
  }
  fflush(stdout);
  free(arg);
  free(name);
}

/* ---- history ---- */

static void history_add(repl *R, const char *entry) {
  if (!R->tty)
    return;
  const char *p = entry;
  while (is_space(*p) || *p == '\n')
    p++;
  if (!*p)
    return;
  HIST_ENTRY *last = history_length > 0 ? history_get(history_base +
                                                      history_length - 1)
                                        : NULL;
  if (last && last->line && strcmp(last->line, entry) == 0)
    return;
  add_history(entry);
  if (R->history) /* every input: nothing lost on a crash */
    cn_history_append(R->history, entry, HISTORY_MAX);
}

/* ---- reading inputs ---- */

static void pending_clear(repl *R) {
  R->plen = 0;
  R->plines = 0;
  R->pcomment = 0;
  if (R->pending)
    R->pending[0] = '\0';
}

/* Run what is pending (complete, or cut short by the end of input). */
static void pending_run(repl *R) {
  if (R->tty) {
    /* lines continued inside brackets or after an operator can be joined
     * with spaces; with a comment among them, the line ends must stay */
    char *h = cn_xstrdup(R->pending);
    if (!R->pcomment)
      for (char *q = h; *q; q++)
        if (*q == '\n')
          *q = ' ';
    history_add(R, h);
    free(h);
  }
  run_input(R, R->pending, R->plen, R->line);
  R->line += R->plines;
  pending_clear(R);
}

/* One line read (without its line end). */
static void feed_line(repl *R, const char *line, size_t len) {
  if (R->plen == 0 && is_meta(line)) {
    R->line++;
    history_add(R, line);
    meta(R, line);
    return;
  }
  R->pending = cn_xgrow(R->pending, &R->pcap, R->plen + len + 2, 1);
  if (R->plines)
    R->pending[R->plen++] = '\n';
  memcpy(R->pending + R->plen, line, len);
  R->plen += len;
  R->pending[R->plen] = '\0';
  R->plines++;
  R->pcomment |= memchr(line, '#', len) != NULL;
  if (!cn_session_unfinished(R->s, R->pending, R->plen))
    pending_run(R);
}

static void read_pipe(repl *R) {
  char *buf = NULL;
  size_t cap = 0;
  ssize_t n;
  while (!R->quit && (n = getline(&buf, &cap, stdin)) >= 0) {
    size_t len = (size_t)n;
    if (len && buf[len - 1] == '\n')
      len--;
    if (len && buf[len - 1] == '\r')
      len--;
    buf[len] = '\0';
    feed_line(R, buf, len);
  }
  free(buf);
  if (R->plen && !R->quit)
    pending_run(R); /* reports the statement left open */
}

/* ---- completion ---- */

typedef struct cands {
  char **v;
  size_t n, cap, next;
} cands;

static cands cand;

static void cand_reset(void) {
  for (size_t i = 0; i < cand.n; i++)
    free(cand.v[i]);
  cand.n = cand.next = 0;
}

static const char *cand_prefix;
static size_t cand_plen;

/* Does a candidate (or the name it stands for) fit the word typed?  A name
 * holding control, bidi or invisible characters is not offered: listed raw
 * it would drive or disguise the terminal, and inserted raw it could not be
 * run (it is typed quoted, with \u{…}). */
static int cand_fits(const char *word) {
  return strncmp(word, cand_prefix, cand_plen) == 0 &&
         cn_shown_plain(word, strlen(word));
}

/* Offer word + suffix as it is. */
static void cand_push(const char *word, const char *suffix) {
  size_t a = strlen(word), b = strlen(suffix);
  char *s = cn_xmalloc(a + b + 1);
  memcpy(s, word, a);
  memcpy(s + a, suffix, b + 1);
  cand.v = cn_xgrow(cand.v, &cand.cap, cand.n + 1, sizeof *cand.v);
  cand.v[cand.n++] = s;
}

static void cand_add(const char *word, const char *suffix) {
  if (cand_fits(word))
    cand_push(word, suffix);
}

/* Is the word being completed inside a string ("S 1 …)?  Then names are
 * offered escaped and closed by a quote. */
static int cand_in_quotes;

/* A case name: bare when the lexer reads it back as that name, else quoted
 * ("S 1") so that the line it completes can be run.  Matched on the name
 * itself, so typing S offers "S 1". */
static void cand_add_name(const char *name) {
  if (!cand_fits(name))
    return;
  if (!cand_in_quotes && cn_print_is_bare(name, 0)) {
    cand_push(name, "");
    return;
  }
  char *q = NULL;
  size_t qn = 0;
  FILE *m = open_memstream(&q, &qn);
  if (!m)
    return;
  cn_print_string(m, name);
  fclose(m);
  cand_push(q + (cand_in_quotes ? 1 : 0), ""); /* matched on the name */
  free(q);
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void cand_sort(void) {
  if (cand.n < 2)
    return;
  qsort(cand.v, cand.n, sizeof *cand.v, cmp_str);
  size_t k = 1;
  for (size_t i = 1; i < cand.n; i++)
    if (strcmp(cand.v[i], cand.v[k - 1]) == 0)
      free(cand.v[i]);
    else
      cand.v[k++] = cand.v[i];
  cand.n = k;
}

static char *cand_next(const char *text, int state) {
  (void)text;
  if (state == 0)
    cand.next = 0;
  return cand.next < cand.n ? strdup(cand.v[cand.next++]) : NULL;
}

/* What surrounds the word being completed, read from the text before it
 * by the scanner itself. */
typedef struct cctx {
  int stmt_start; /* the word begins a statement */
  int arg_start;  /* … or an argument of the call `fn` */
  int depth;      /* brackets open before the word */
  char fn[256];   /* innermost call's function, "" outside calls */
  char key[256];  /* the named argument the word is the value of */
  /* while scanning */
  const char *text;
  cn_token last, before; /* the last two tokens */
  int ntok;              /* tokens so far */
  char open[CN_MAX_NESTING]; /* per open bracket: '(' after a name, else '[' */
  char callee[CN_MAX_NESTING][256];
} cctx;

static void copy_token(char *dst, size_t cap, const char *text,
                       const cn_token *t) {
  size_t k = t->end - t->start < cap - 1 ? t->end - t->start : cap - 1;
  memcpy(dst, text + t->start, k);
  dst[k] = '\0';
}

static int is_punct(const cctx *x, const cn_token *t, char ch) {
  return t->kind == CN_TOK_PUNCT && t->end == t->start + 1 &&
         x->text[t->start] == ch;
}

static void context_token(const cn_token *t, void *ud) {
  cctx *x = ud;
  if (t->depth > x->depth && t->depth <= CN_MAX_NESTING) { /* it opens */
    int call = is_punct(x, t, '(') && x->ntok && x->last.kind == CN_TOK_NAME;
    x->open[t->depth - 1] = call ? '(' : '[';
    x->callee[t->depth - 1][0] = '\0';
    if (call)
      copy_token(x->callee[t->depth - 1], sizeof x->callee[0], x->text,
                 &x->last);
  }
  x->depth = t->depth;
  x->before = x->last;
  x->last = *t;
  x->ntok++;
}

static void scan_context(const char *s, size_t n, cctx *x) {
  memset(x, 0, sizeof *x);
  x->text = s;
  cn_lex_tokens(s, n, context_token, x);
  x->stmt_start = x->depth == 0 && (x->ntok == 0 || x->last.kind == CN_TOK_END);
  int d = x->depth;
  if (d > 0 && d <= CN_MAX_NESTING && x->open[d - 1] == '(') {
    snprintf(x->fn, sizeof x->fn, "%s", x->callee[d - 1]);
    x->arg_start = is_punct(x, &x->last, '(') || is_punct(x, &x->last, ',');
    if (is_punct(x, &x->last, '=') && x->ntok >= 2 &&
        x->before.kind == CN_TOK_NAME)
      copy_token(x->key, sizeof x->key, s, &x->before);
  }
}

/* A parameter of a def: `sel` takes the selection arguments. */
static void add_param(const char *name) {
  if (strcmp(name, "sel") == 0)
    for (int j = 0; cn_selection_keys[j]; j++)
      cand_add(cn_selection_keys[j], "=");
  else
    cand_add(name, "=");
}

/* The parameters of a prelude function, from its def's parameter list. */
static void prelude_param(const cn_token *t, void *ud) {
  const char *params = ud;
  if (t->kind != CN_TOK_NAME)
    return;
  char name[256];
  copy_token(name, sizeof name, params, t);
  add_param(name);
}

static void add_named_args(const repl *R, const char *fn) {
  const cn_eval *E = R->s->E;
  const cn_func *f = session_def(E, fn);
  if (f) {
    for (int k = 0; k < f->def->u.def.params.n; k++)
      add_param(f->def->u.def.params.items[k].name->str);
    return;
  }
  const cn_native *nat = cn_eval_native(E, fn);
  if (nat) {
    for (const cn_param *p = nat->params; p && p->name; p++)
      if (p->how & CN_P_NAMED)
        cand_add(p->name, "=");
    if (nat->sel)
      add_param("sel");
    return;
  }
  size_t np;
  const cn_prelude_doc *pd = cn_prelude_docs(&np);
  for (size_t i = 0; i < np; i++)
    if (strcmp(pd[i].name, fn) == 0)
      cn_lex_tokens(pd[i].params, strlen(pd[i].params), prelude_param,
                    (void *)pd[i].params);
}

static void add_functions(const repl *R) {
  const cn_eval *E = R->s->E;
  for (size_t i = 0; i < E->nnatives; i++)
    cand_add(E->natives[i].name, "");
  size_t np;
  const cn_prelude_doc *pd = cn_prelude_docs(&np);
  for (size_t i = 0; i < np; i++)
    cand_add(pd[i].name, "");
}

static void add_namespace(const repl *R, enum cn_ns ns) {
  const cn_case *c = &R->s->c;
  switch (ns) {
  case CN_NS_ACTOR:
    for (size_t i = 0; i < c->actors.n; i++)
      cand_add_name(c->actors.items[i].name->str);
    break;
  case CN_NS_LAYER:
    for (size_t i = 0; i < c->layers.n; i++)
      cand_add_name(c->layers.items[i].name->str);
    break;
  case CN_NS_KIND:
    for (size_t i = 0; i < c->kinds.n; i++)
      cand_add_name(c->kinds.items[i].name->str);
    break;
  case CN_NS_STAGE:
    for (size_t i = 0; i < c->stages.n; i++)
      cand_add_name(c->stages.items[i].name->str);
    break;
  default:
    for (size_t i = 0; i < c->groups.n; i++)
      cand_add_name(c->groups.items[i].name->str);
  }
}

/* The values of a built-in's named argument, by the type its record gives;
 * returns 0 when the type says nothing (then everything is offered). */
static int add_values(const repl *R, const char *fn, const char *key) {
  const cn_param *p = cn_native_param(cn_eval_native(R->s->E, fn), key);
  switch (p ? p->type : CN_A_ANY) {
  case CN_A_ACTOR:
  case CN_A_ACTORS:
    add_namespace(R, CN_NS_ACTOR);
    return 1;
  case CN_A_STAGE:
    add_namespace(R, CN_NS_STAGE);
    return 1;
  case CN_A_BOOL:
    cand_add("true", "");
    cand_add("false", "");
    return 1;
  default:
    return 0;
  }
}

static void add_everything(const repl *R, int stmt_start) {
  add_functions(R);
  const cn_eval *E = R->s->E;
  for (size_t i = 0; i < E->gnames.n; i++) /* lets and defs */
    cand_add(E->gnames.items[i]->str, "");
  for (int ns = 0; ns < CN_NS_COUNT; ns++)
    add_namespace(R, (enum cn_ns)ns);
  for (int k = 0; cn_keywords[k].word; k++)
    if (stmt_start || cn_keywords[k].anywhere)
      cand_add(cn_keywords[k].word, "");
}

/* File names for :load and :save, directories with a '/' to go on. */
static void add_files(const char *text) {
  char *f;
  for (int state = 0; (f = rl_filename_completion_function(text, state)); state++) {
    struct stat st;
    cand_add(f, stat(f, &st) == 0 && S_ISDIR(st.st_mode) ? "/" : "");
    free(f);
  }
}

static int is_function(const repl *R, const char *name) {
  if (cn_eval_native(R->s->E, name) || session_def(R->s->E, name))
    return 1;
  size_t np;
  const cn_prelude_doc *pd = cn_prelude_docs(&np);
  for (size_t i = 0; i < np; i++)
    if (strcmp(pd[i].name, name) == 0)
      return 1;
  return 0;
}

/* libedit passes the word's start in characters while rl_line_buffer holds
 * bytes: find the byte where the word starts. */
static size_t word_offset(const char *line, int start, const char *text) {
  size_t len = strlen(line), i = 0, tl = strlen(text);
  for (int k = 0; k < start && i < len; k++) {
    int32_t cp;
    size_t adv = cn_utf8_decode(line + i, len - i, &cp);
    i += adv ? adv : 1;
  }
  if (strncmp(line + i, text, tl) == 0)
    return i;
  if ((size_t)start <= len && strncmp(line + start, text, tl) == 0)
    return (size_t)start;
  return i;
}

static char **complete(const char *text, int start, int end) {
  (void)end;
  rl_attempted_completion_over = 1; /* never fall back to file names */
  repl *R = active;
  if (!R)
    return NULL;
  const char *line = rl_line_buffer ? rl_line_buffer : "";
  size_t at = word_offset(line, start, text);
  cand_reset();
  cand_prefix = text;
  cand_plen = strlen(text);
  rl_completion_append_character = ' ';
  cand_in_quotes = start > 0 && line[start - 1] == '"';
  int in_meta = R->plen == 0 && is_meta(line);
  if (in_meta) {
    const char *p = line;
    while (is_space(*p))
      p++;
    const char *cmd = ++p;
    while (*p && !is_space(*p))
      p++;
    if (at <= (size_t)(cmd - line)) {
      for (int i = 0; i < NMETA; i++)
        cand_add(meta_cmds[i].name, "");
    } else {
      size_t cn = (size_t)(p - cmd);
      if (cn == 4 && (strncmp(cmd, "load", 4) == 0 || strncmp(cmd, "save", 4) == 0))
        add_files(text);
      if (cn == 6 && strncmp(cmd, "format", 6) == 0)
        for (int i = 0; formats[i]; i++)
          cand_add(formats[i], "");
      if (cn == 4 && strncmp(cmd, "help", 4) == 0) {
        add_functions(R);
        for (size_t i = 0; i < R->s->E->gnames.n; i++)
          if (R->s->E->gvalues.items[i].t == CN_V_FUNC)
            cand_add(R->s->E->gnames.items[i]->str, "");
      }
    }
  } else {
    /* the statement so far: pending lines, then this line up to the word */
    size_t n = R->plen + 1 + at;
    char *before = cn_xmalloc(n + 1);
    memcpy(before, R->pending ? R->pending : "", R->plen);
    before[R->plen] = '\n';
    memcpy(before + R->plen + 1, line, at);
    before[n] = '\0';
    cctx x;
    scan_context(R->plen ? before : before + 1, R->plen ? n : at, &x);
    free(before);
    static const struct { const char *key; enum cn_ns ns; } typed[] = {
        {"stage", CN_NS_STAGE}, {"layer", CN_NS_LAYER},
        {"collapse", CN_NS_GROUP}, {"without", CN_NS_ACTOR},
        {"kind", CN_NS_KIND}};
    int done = 0;
    for (size_t k = 0; x.key[0] && k < sizeof typed / sizeof *typed; k++)
      if (strcmp(x.key, typed[k].key) == 0) {
        add_namespace(R, typed[k].ns);
        done = 1;
      }
    if (!done && x.key[0])
      done = add_values(R, x.fn, x.key);
    /* inside brackets a ')' or ',' comes next, not a space */
    if (x.depth > 0)
      rl_completion_append_character = '\0';
    if (!done) {
      if (x.arg_start)
        add_named_args(R, x.fn);
      add_everything(R, x.stmt_start);
    }
  }
  cand_sort();
  char **m = rl_completion_matches(text, cand_next);
  /* m[0] is the longest common prefix, counted in bytes: cut it back to a
   * whole character, or 县城… and 县农… would leave half of a character and
   * the line would lose the word being typed */
  if (m && m[0] && m[1]) {
    size_t k = strlen(m[0]), i = 0;
    int32_t cp;
    size_t n;
    while (i < k && (n = cn_utf8_decode(m[0] + i, k - i, &cp)) > 0)
      i += n; /* i: the end of the last whole character */
    m[0][i] = '\0';
  }
  /* one match (libedit repeats it after the common prefix): what follows */
  if (m && m[0] && (!m[1] || (!m[2] && strcmp(m[0], m[1]) == 0))) {
    size_t k = strlen(m[0]);
    if (k && (m[0][k - 1] == '=' || m[0][k - 1] == '/'))
      rl_completion_append_character = '\0';
    else if (!in_meta && is_function(R, m[0]))
      rl_completion_append_character = '(';
  }
  return m;
}

/* ---- the terminal ---- */

/* Characters that end a word for completion ('.', '/', '-' and '~' are
 * left out so that file names complete whole). */
static char word_breaks[] = " \t\n\"\\'`@$><=;|&{}()[],:+*!#";

static void use_utf8_locale(void) {
  setlocale(LC_CTYPE, "");
  const char *cs = nl_langinfo(CODESET);
  if (cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0))
    return;
  /* scripts are UTF-8 whatever the locale says: editing must be too */
  if (!setlocale(LC_CTYPE, "C.UTF-8"))
    setlocale(LC_CTYPE, "en_US.UTF-8");
}

static void read_terminal(repl *R) {
  use_utf8_locale();
  rl_readline_name = "cnet";
  rl_instream = stdin;
  rl_outstream = isatty(STDOUT_FILENO) ? stdout : stderr;
  /* libedit's own SIGINT handler would send the signal again to the whole
   * process group; ours (installed by cn_repl_main) is enough: the read at
   * the prompt returns and readline() gives NULL */
  rl_catch_signals = 0;
  rl_attempted_completion_function = complete;
  rl_basic_word_break_characters = word_breaks;
  rl_completer_word_break_characters = word_breaks;
  rl_initialize();
  using_history();
  stifle_history(HISTORY_MAX);
  R->history = cn_history_path();
  if (R->history)
    read_history(R->history);
  active = R;
  int eofs = 0;
  while (!R->quit) {
    got_sigint = 0;
    char *line = readline(R->plen ? PROMPT_MORE : PROMPT);
    if (!line) {
      if (got_sigint) { /* Ctrl-C at the prompt: a fresh line */
        fputc('\n', rl_outstream);
        pending_clear(R);
        eofs = 0;
        continue;
      }
      fputc('\n', rl_outstream);
      if (R->plen && eofs++ == 0) { /* Ctrl-D drops an unfinished statement */
        pending_clear(R);
        continue;
      }
      break;
    }
    eofs = 0;
    running = 1;
    feed_line(R, line, strlen(line));
    running = 0;
    free(line);
  }
  active = NULL;
  cand_reset();
  free(cand.v);
  cand.v = NULL;
  cand.cap = 0;
}

int cn_repl_main(const cn_repl_options *o) {
  repl R;
  memset(&R, 0, sizeof R);
  cn_diag_init(&R.diag, stderr);
  R.tty = isatty(STDIN_FILENO);
  R.devnull = fopen("/dev/null", "w");
  if (!R.devnull)
    R.devnull = tmpfile();
  if (!R.devnull)
    R.devnull = stderr; /* noisy, never a crash */
  struct sigaction sa, old;
  memset(&sa, 0, sizeof sa);
  int handled = R.tty;
  if (handled) { /* no SA_RESTART: a read at the prompt returns */
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old);
  }
  int errors = 0, run_errors = 0;
  running = R.tty;
  cn_session_config cfg = {
      .diag = &R.diag,
      .quiet = R.devnull,
      .open = cn_stdlib_open,
      .format = o->format,
      .echo = o->echo,
      .echo_inputs = o->echo && !R.tty, /* a terminal shows what was typed */
  };
  R.s = cn_session_open(&cfg, o->files, (size_t)o->nfiles, 1, &errors,
                        &run_errors);
  running = 0;
  int rc = errors || run_errors ? 1 : 0;
  if (errors) /* a file does not load */
    fprintf(stderr, "cnet: %s\n",
            R.tty ? "the REPL opens on what could be loaded; fix the files "
                    "and :reload"
                  : "not reading standard input: the files have errors");
  if (R.tty) {
    printf("cnet — a case of %zu actors and %zu ties.  :help lists functions "
           "and commands; Ctrl-D leaves.\n",
           R.s->c.actors.n, R.s->c.ties.n);
    fflush(stdout);
    read_terminal(&R);
  } else if (!errors) {
    read_pipe(&R);
    if (R.failed)
      rc = 1;
  }
  if (handled)
    sigaction(SIGINT, &old, NULL);
  cn_session_free(R.s);
  free(R.pending);
  free(R.history);
  if (R.devnull != stderr)
    fclose(R.devnull);
  return rc;
}
