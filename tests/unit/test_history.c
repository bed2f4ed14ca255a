/* test_history.c — the REPL's history file (cli/history.c) in a scratch
 * directory beside this binary: entries that libedit's read_history()
 * reads back as typed (spaces, tabs, line ends, backslashes, CJK); two
 * processes appending at once keep every entry of both; the file is cut
 * back to the last entries when it grows past twice as many; --no-write
 * writes nothing and makes no directory.  Last line: "N passed, N failed". */
#define _DEFAULT_SOURCE /* mkdtemp, setenv */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <editline/readline.h>

#include "atomic.h"
#include "check.h"
#include "history.h"

static char dir[4096];

static char *at(const char *name) {
  static char buf[4200];
  snprintf(buf, sizeof buf, "%s/%s", dir, name);
  return buf;
}

/* The file's entries as read_history() gives them, one per call: the
 * count, and whether want is among them. */
static int entries(const char *path, const char *want, int *found) {
  clear_history();
  read_history(path);
  *found = 0;
  for (int i = 0; i < history_length; i++) {
    HIST_ENTRY *h = history_get(history_base + i);
    if (h && want && strcmp(h->line, want) == 0)
      *found = 1;
  }
  return history_length;
}

static int lines(const char *path) {
  FILE *f = fopen(path, "r");
  int n = 0, c;
  while (f && (c = fgetc(f)) != EOF)
    n += c == '\n';
  if (f)
    fclose(f);
  return n;
}

static void round_trip(void) {
  const char *typed = "let x = \"a b\\tc\"\n# 注释 \\ end";
  char *path = at("h1");
  cn_history_append(path, "count(actors())", 1000);
  cn_history_append(path, typed, 1000);
  int found;
  CHECK(entries(path, typed, &found) == 2);
  CHECK(found); /* read back exactly as typed */
  CHECK(lines(path) == 3); /* libedit's first line, then one per entry */
}

static void two_at_once(void) {
  char *path = at("h2");
  enum { EACH = 300 };
  pid_t kids[2];
  for (int k = 0; k < 2; k++) {
    fflush(stdout);
    if ((kids[k] = fork()) == 0) {
      char e[64];
      for (int i = 0; i < EACH; i++) {
        snprintf(e, sizeof e, "session %d input %d", k, i);
        cn_history_append(path, e, 1000);
      }
      _exit(0);
    }
  }
  for (int k = 0; k < 2; k++)
    waitpid(kids[k], NULL, 0);
  int found;
  CHECK(entries(path, "session 0 input 299", &found) == 2 * EACH);
  CHECK(found);
  CHECK(entries(path, "session 1 input 0", &found) == 2 * EACH && found);
}

static void bounded(void) {
  char *path = at("h3");
  char e[64];
  for (int i = 0; i < 45; i++) {
    snprintf(e, sizeof e, "input %d", i);
    cn_history_append(path, e, 10);
  }
  int found, n = entries(path, "input 44", &found);
  CHECK(n >= 10 && n <= 20); /* cut back to 10 past 20 */
  CHECK(found);
  CHECK(entries(path, "input 0", &found) == n && !found);
  /* the 35 cut entries are gone; the kept ones are the last ones */
  CHECK(entries(path, "input 35", &found) == n && found);
}

static void no_write(void) {
  char data[4200];
  snprintf(data, sizeof data, "%s/data", dir);
  setenv("XDG_DATA_HOME", data, 1);
  cn_out_refuse_writes(1);
  char *path = cn_history_path();
  CHECK(path != NULL);
  struct stat st;
  CHECK(stat(data, &st) != 0 && errno == ENOENT); /* no directory made */
  if (path)
    cn_history_append(path, "x", 1000);
  CHECK(path && access(path, F_OK) != 0);
  free(path);
  cn_out_refuse_writes(0);
  path = cn_history_path();
  CHECK(path && stat(data, &st) == 0 && S_ISDIR(st.st_mode));
  free(path);
}

int main(int argc, char **argv) {
  (void)argc;
  const char *slash = strrchr(argv[0], '/');
  snprintf(dir, sizeof dir, "%.*stest_history.XXXXXX",
           slash ? (int)(slash - argv[0] + 1) : 0, argv[0]);
  if (!mkdtemp(dir)) {
    printf("FAIL cannot make a scratch directory\n0 passed, 1 failed\n");
    return 1;
  }
  char *real = realpath(dir, NULL); /* $XDG_DATA_HOME must be absolute */
  if (real) {
    snprintf(dir, sizeof dir, "%s", real);
    free(real);
  }
  using_history();
  round_trip();
  two_at_once();
  bounded();
  no_write();
  clear_history();
  char cmd[4300];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system(cmd) != 0)
    printf("(could not remove %s)\n", dir);
  printf("%d passed, %d failed\n", passed, failed);
  return failed != 0;
}
