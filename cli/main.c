/* main.c — the command line: load scripts, run their queries or the given
 * expressions, check or dump them; exit 0 ok, 1 script error, 2 usage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case.h"
#include "eval.h"
#include "lang.h"
#include "load.h"
#include "builtins.h"

#ifndef CNET_VERSION
#define CNET_VERSION "0.1.0"
#endif

static const char usage[] =
    "usage: cnet [options] [FILE.cnet …]\n"
    "\n"
    "  cnet FILE.cnet…             run scripts; print each top-level expression\n"
    "  cnet -e 'EXPR' FILE.cnet    evaluate EXPR against the loaded case "
    "(repeatable)\n"
    "  cnet -i FILE.cnet           run, then open the REPL on the loaded case\n"
    "  cnet --check FILE.cnet      validate only; report every error\n"
    "  cnet --dump-ast FILE.cnet   print the syntax tree (for tests)\n"
    "  cnet -f csv|tsv|json|table  output format\n"
    "  cnet --no-write …           refuse every file write\n"
    "  cnet --help | --version\n"
    "\n"
    "A FILE of '-' reads the script from standard input.\n"
    "Exit status: 0 success, 1 a script or query failed, 2 usage error.\n";

typedef struct options {
  const char **files;
  int nfiles;
  const char **exprs;
  int nexprs;
  int check, dump_ast, interactive, no_write;
  const char *format;
} options;

static int usage_error(const char *fmt, const char *arg) {
  fprintf(stderr, "cnet: ");
  fprintf(stderr, fmt, arg);
  fprintf(stderr, "\nTry 'cnet --help'.\n");
  return 2;
}

static int parse_args(int argc, char **argv, options *o) {
  o->files = calloc((size_t)argc, sizeof *o->files);
  o->exprs = calloc((size_t)argc, sizeof *o->exprs);
  o->format = "table";
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      fputs(usage, stdout);
      exit(0);
    } else if (strcmp(a, "--version") == 0) {
      printf("cnet %s\n", CNET_VERSION);
      exit(0);
    } else if (strcmp(a, "--check") == 0) {
      o->check = 1;
    } else if (strcmp(a, "--dump-ast") == 0) {
      o->dump_ast = 1;
    } else if (strcmp(a, "-i") == 0) {
      o->interactive = 1;
    } else if (strcmp(a, "--no-write") == 0) {
      o->no_write = 1;
    } else if (strcmp(a, "-e") == 0 || strcmp(a, "-f") == 0) {
      if (i + 1 >= argc)
        return usage_error("option '%s' needs an argument", a);
      if (a[1] == 'e')
        o->exprs[o->nexprs++] = argv[++i];
      else
        o->format = argv[++i];
    } else if (a[0] == '-' && a[1] != '\0') {
      return usage_error("unknown option '%s'", a);
    } else {
      o->files[o->nfiles++] = a;
    }
  }
  static const char *const formats[] = {"table", "csv", "tsv", "json"};
  int ok = 0;
  for (size_t k = 0; k < sizeof formats / sizeof *formats; k++)
    ok |= strcmp(o->format, formats[k]) == 0;
  if (!ok)
    return usage_error("unknown format '%s' (use table, csv, tsv or json)",
                       o->format);
  return 0;
}

static int dump_stmt(cn_parser *P, cn_ast *s) {
  cn_ast_dump(stdout, s);
  (void)P;
  return 0;
}

/* --dump-ast: parse each file and print its statements. */
static int dump_files(const options *o, cn_diag *diag) {
  cn_names names;
  cn_intern_init(&names);
  for (int i = 0; i < o->nfiles; i++) {
    cn_source *src = cn_src_load(o->files[i], diag, NULL);
    if (!src)
      continue;
    cn_arena scratch;
    cn_arena_init(&scratch);
    cn_parser P;
    memset(&P, 0, sizeof P);
    P.src = src;
    P.names = &names;
    P.diag = diag;
    P.scratch = &scratch;
    P.on_stmt = dump_stmt;
    cn_parse_source(&P);
    cn_arena_free(&scratch);
    cn_src_free(src);
  }
  cn_intern_free(&names);
  return diag->errors ? 1 : 0;
}

static cn_format format_of(const char *name) {
  return strcmp(name, "csv") == 0    ? CN_FMT_CSV
         : strcmp(name, "tsv") == 0  ? CN_FMT_TSV
         : strcmp(name, "json") == 0 ? CN_FMT_JSON
                                     : CN_FMT_TABLE;
}

/* Keep -e expressions (parsed as "<expr>") for evaluation. */
static int keep_expr(cn_parser *P, cn_ast *s) {
  cn_eval *E = P->ud;
  if (s->kind == CN_AST_EXPR || s->kind == CN_AST_LET || s->kind == CN_AST_DEF) {
    cn_eval_stmt(E, s, 1);
    return 1;
  }
  cn_diag_error(P->diag, &s->loc, "-e takes an expression, not a declaration");
  return 0;
}

/* Run the scripts' statements in order, or (with -e) only their let/def
 * statements and then each expression given.  Returns the exit status. */
static int run(const options *o, cn_case *c, cn_diag *diag) {
  cn_eval E;
  cn_eval_init(&E, c, diag);
  E.format = format_of(o->format);
  E.no_write = o->no_write;
  cn_stdlib_open(&E);
  int errors = 0;
  for (size_t i = 0; i < c->stmts.n; i++) {
    const cn_ast *s = c->stmts.items[i];
    if (o->nexprs > 0 && s->kind == CN_AST_EXPR)
      continue; /* with -e, the files' own queries do not run */
    errors += cn_eval_stmt(&E, s, 1);
  }
  for (int i = 0; i < o->nexprs; i++) {
    cn_source *src = cn_src_from_text("<expr>", o->exprs[i],
                                      strlen(o->exprs[i]), diag);
    if (!src) {
      errors++;
      continue;
    }
    c->srcs.items = cn_xgrow(c->srcs.items, &c->srcs.cap, c->srcs.n + 1,
                             sizeof src);
    c->srcs.items[c->srcs.n++] = src;
    cn_arena scratch;
    cn_arena_init(&scratch);
    cn_parser P;
    memset(&P, 0, sizeof P);
    P.src = src;
    P.names = &c->names;
    P.diag = diag;
    P.scratch = &scratch;
    P.keep = &c->arena;
    P.on_stmt = keep_expr;
    P.ud = &E;
    int before = diag->errors;
    cn_parse_source(&P);
    cn_arena_free(&scratch);
    errors += diag->errors - before;
  }
  cn_eval_free(&E);
  return errors || diag->errors ? 1 : 0;
}

int main(int argc, char **argv) {
  options o;
  memset(&o, 0, sizeof o);
  int rc = parse_args(argc, argv, &o);
  if (rc) {
    free(o.files);
    free(o.exprs);
    return rc;
  }
  cn_diag diag;
  cn_diag_init(&diag, stderr);
  if (o.dump_ast) {
    rc = dump_files(&o, &diag);
    free(o.files);
    free(o.exprs);
    return rc;
  }
  if (o.nfiles == 0 && !o.interactive && o.nexprs == 0) {
    free(o.files);
    free(o.exprs);
    return usage_error("%s", "no script given (use 'cnet FILE.cnet', or "
                             "'cnet -i' for the REPL)");
  }
  cn_case c;
  cn_case_init(&c);
  for (int i = 0; i < o.nfiles && !cn_diag_full(&diag); i++)
    cn_load_file(&c, o.files[i], &diag);
  if (!cn_diag_full(&diag))
    cn_load_finish(&c, &diag);
  rc = diag.errors ? 1 : 0;
  if (rc == 0 && !o.check)
    rc = run(&o, &c, &diag);
  cn_case_free(&c);
  free(o.files);
  free(o.exprs);
  return rc;
}
