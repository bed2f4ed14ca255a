/* harness.c — see harness.h. */
#include "harness.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "builtins.h"
#include "lang.h"
#include "load.h"

FILE *fz_quiet(void) {
  static FILE *devnull;
  if (!devnull) {
    devnull = fopen("/dev/null", "w");
    if (!devnull || !freopen("/dev/null", "w", stdout))
      abort();
  }
  return devnull;
}

static char dir[4096];

/* Remove path and, when it is a directory, what it holds (a fuzzed script
 * may have written files and folders there). */
static void remove_tree(const char *path) {
  struct stat st;
  if (lstat(path, &st) != 0)
    return;
  if (S_ISDIR(st.st_mode)) {
    DIR *d = opendir(path);
    struct dirent *e;
    while (d && (e = readdir(d))) {
      if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
        continue;
      char sub[sizeof dir + 512];
      snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
      remove_tree(sub);
    }
    if (d)
      closedir(d);
    rmdir(path);
  } else {
    unlink(path);
  }
}

static void remove_workdir(void) { remove_tree(dir); }

const char *fz_workdir(void) {
  if (!dir[0]) {
    const char *base = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/cnet-fuzz-XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(dir) || chdir(dir) != 0)
      abort();
    atexit(remove_workdir);
  }
  return dir;
}

void fz_write_file(const char *name, const uint8_t *data, size_t size) {
  fz_workdir();
  FILE *f = fopen(name, "wb");
  if (!f)
    abort();
  if (size && fwrite(data, 1, size, f) != size)
    abort();
  fclose(f);
}

typedef struct run_ctx {
  cn_eval *E;
} run_ctx;

static int run_stmt(cn_parser *P, cn_ast *s) {
  run_ctx *r = P->ud;
  if (s->kind == CN_AST_EXPR || s->kind == CN_AST_LET || s->kind == CN_AST_DEF) {
    cn_eval_stmt(r->E, s, 1);
    return 1;
  }
  return 0;
}

int fz_run_case(const char *name, const char *text, size_t len,
                const char *queries, const cn_native *extra, size_t nextra) {
  cn_diag diag;
  cn_diag_init(&diag, fz_quiet());
  cn_case c;
  cn_case_init(&c);
  int errors = cn_load_text(&c, name, text, len, &diag);
  if (!errors && !cn_diag_full(&diag))
    errors = cn_load_finish(&c, &diag);
  if (!errors) {
    cn_eval E;
    cn_eval_init(&E, &c, &diag);
    E.max_steps = 20000;
    cn_stdlib_open(&E);
    if (extra)
      cn_eval_register(&E, extra, nextra);
    /* the script's own statements, then the harness's queries */
    for (size_t i = 0; i < c.stmts.n; i++)
      cn_eval_stmt(&E, c.stmts.items[i], 0);
    cn_source *src = cn_src_from_text("<queries>", queries, strlen(queries), &diag);
    if (src) {
      run_ctx r = {&E};
      cn_case_add_source(&c, src);
      cn_parse_text(src, &c.names, &diag, &c.arena, run_stmt, &r);
    }
    cn_eval_free(&E);
  }
  cn_case_free(&c);
  return errors;
}
