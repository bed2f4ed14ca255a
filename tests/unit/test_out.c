/* test_out.c — runtime/out/: the escapers' texts for tricky inputs, and
 * the atomic write in a scratch directory beside this binary: new and
 * replaced files (mode kept), targets refused (symbolic link, FIFO,
 * device, directory), no temporary left after a failure, pairs written as
 * a unit, --no-write, names as long as a file system allows; temporaries
 * removed when SIGINT, SIGTERM or SIGHUP ends the writer, and after a
 * kill -9 by the next write to the same target; where a script may write
 * once writes are confined (where.h).  Last line: "N passed, N failed". */
#define _DEFAULT_SOURCE /* realpath, symlink */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "escape.h"
#include "where.h"

static int pass, fail;

static void ok(int cond, const char *what) {
  if (cond) {
    pass++;
  } else {
    fail++;
    printf("FAIL %s\n", what);
  }
}

static void esc_is(void (*esc)(FILE *, const char *), const char *name,
                   const char *in, const char *want) {
  char *got = cn_esc_string(esc, in);
  if (strcmp(got, want) == 0) {
    pass++;
  } else {
    fail++;
    printf("FAIL %s(\"%s\"): got \"%s\", want \"%s\"\n", name, in, got, want);
  }
  free(got);
}

static void escapers(void) {
  /* U+2028, U+2029 and U+FFFE in UTF-8 */
#define LS "\xE2\x80\xA8"
#define PS "\xE2\x80\xA9"
#define NC "\xEF\xBF\xBE"
#define FFFD "\xEF\xBF\xBD"
  esc_is(cn_esc_json, "json", "a\"b\\c", "\"a\\\"b\\\\c\"");
  esc_is(cn_esc_json, "json", "1\n2\r3\t4", "\"1\\n2\\r3\\t4\"");
  esc_is(cn_esc_json, "json", "\x01\x1f\x7f", "\"\\u0001\\u001f\\u007f\"");
  esc_is(cn_esc_json, "json", "x" LS "y" PS, "\"x\\u2028y\\u2029\"");
  esc_is(cn_esc_json, "json", "中文 ]]> </script>", "\"中文 ]]> </script>\"");
  esc_is(cn_esc_json, "json", "", "\"\"");
  /* JSON text inside an HTML <script> block: nothing can end the block */
  esc_is(cn_esc_script_json, "script_json", "{\"a\":\"</script><!-- & >\"}",
         "{\"a\":\"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u003e\"}");
  esc_is(cn_esc_script_json, "script_json", "[1,\"中\\\"\"]", "[1,\"中\\\"\"]");
  esc_is(cn_esc_xml, "xml", "<a href='x'>&\"", "&lt;a href=&#39;x&#39;&gt;&amp;&quot;");
  esc_is(cn_esc_xml, "xml", "]]>", "]]&gt;");
  esc_is(cn_esc_xml, "xml", "1\r\n2\t", "1&#13;&#10;2&#9;");
  esc_is(cn_esc_xml, "xml", "\x01\x1b\x7f" NC, FFFD FFFD FFFD FFFD);
  esc_is(cn_esc_xml, "xml", "中" LS "\\", "中" LS "\\");
  esc_is(cn_esc_html_label, "html_label", "a\nb\r\tc<&", "a<BR/>b  c&lt;&amp;");
  esc_is(cn_esc_html_label, "html_label", "\x02'\"", FFFD "&#39;&quot;");
  esc_is(cn_esc_csv, "csv", "plain 中文", "plain 中文");
  esc_is(cn_esc_csv, "csv", "a,b", "\"a,b\"");
  esc_is(cn_esc_csv, "csv", "say \"hi\"", "\"say \"\"hi\"\"\"");
  esc_is(cn_esc_csv, "csv", " lead", "\" lead\"");
  esc_is(cn_esc_csv, "csv", "trail ", "\"trail \"");
  esc_is(cn_esc_csv, "csv", "1\r\n2", "\"1\r\n2\"");
  esc_is(cn_esc_csv, "csv", "a\\b" LS, "a\\b" LS);
  esc_is(cn_esc_csv, "csv", "", "");
  esc_is(cn_esc_dot_label, "dot_label", "\\N \\l", "\\\\N \\\\l");
  esc_is(cn_esc_dot_label, "dot_label", "a\nb\r\tc\"", "a\\nb  c\"");
}

/* ---- files ---- */

static char dir[4096];

static char *at(const char *name) {
  static char buf[2][4200];
  static int k;
  k ^= 1;
  snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
  return buf[k];
}

static int temporaries(void) { /* hidden names in the scratch directory */
  int n = 0;
  DIR *d = opendir(dir);
  for (struct dirent *e; d && (e = readdir(d));)
    n += e->d_name[0] == '.' && strcmp(e->d_name, ".") != 0 &&
         strcmp(e->d_name, "..") != 0;
  if (d)
    closedir(d);
  return n;
}

static int has_text(const char *path, const char *want) {
  char buf[256] = "";
  FILE *f = fopen(path, "rb");
  if (!f)
    return 0;
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = '\0';
  return strcmp(buf, want) == 0;
}

static int put(const char *path, const char *text, int flags, char *why,
               size_t nwhy) {
  return cn_out_write(path, text, strlen(text), flags, why, nwhy);
}

static void single_files(void) {
  char why[512];
  struct stat st;
  umask(022);
  ok(put(at("new.txt"), "one", 0, why, sizeof why) == 0, "a new file is written");
  ok(has_text(at("new.txt"), "one"), "the new file holds its text");
  ok(stat(at("new.txt"), &st) == 0 && (st.st_mode & 07777) == 0644,
     "a new file is 0666 less the umask");
  chmod(at("new.txt"), 0600);
  ino_t before = st.st_ino;
  ok(put(at("new.txt"), "two", 0, why, sizeof why) == 0, "a file is replaced");
  ok(has_text(at("new.txt"), "two"), "the replaced file holds the new text");
  ok(stat(at("new.txt"), &st) == 0 && (st.st_mode & 07777) == 0600,
     "a replaced 0600 file stays 0600");
  ok(st.st_ino != before, "a file is replaced by a rename, not rewritten");
  ok(temporaries() == 0, "no temporary is left after a write");

  /* targets that are no regular file */
  ok(symlink("new.txt", at("link.txt")) == 0, "symlink made");
  ok(put(at("link.txt"), "three", 0, why, sizeof why) == CN_OUT_FAILED &&
         strstr(why, "symbolic link"),
     "a symbolic link is refused");
  ok(lstat(at("link.txt"), &st) == 0 && S_ISLNK(st.st_mode) &&
         has_text(at("new.txt"), "two"),
     "the link and the file it names are left alone");
  ok(mkfifo(at("fifo"), 0600) == 0, "FIFO made");
  ok(put(at("fifo"), "x", 0, why, sizeof why) == CN_OUT_FAILED &&
         strstr(why, "FIFO"),
     "a FIFO is refused");
  ok(put("/dev/null", "x", 0, why, sizeof why) == CN_OUT_FAILED &&
         strstr(why, "device"),
     "a device is refused");
  ok(mkdir(at("sub"), 0700) == 0, "directory made");
  ok(put(at("sub"), "x", 0, why, sizeof why) == CN_OUT_FAILED &&
         strstr(why, "directory"),
     "a directory is refused");
  ok(put(at("sub/"), "x", 0, why, sizeof why) == CN_OUT_FAILED,
     "a name ending in / is refused");
  ok(put(at("nodir/x.txt"), "x", 0, why, sizeof why) == CN_OUT_FAILED &&
         strstr(why, "No such file"),
     "a missing directory is an error of the system");
  ok(temporaries() == 0, "no temporary is left after the refusals");

  /* names as long as NAME_MAX: the temporary's name must still fit */
  char name[256];
  memset(name, 'n', 255);
  name[255] = '\0';
  ok(put(at(name), "long", 0, why, sizeof why) == 0 && has_text(at(name), "long"),
     "a 255-byte name is written");
  name[0] = '\0';
  for (int i = 0; i < 85; i++)
    strcat(name, "中");
  ok(put(at(name), "han", 0, why, sizeof why) == 0 && has_text(at(name), "han"),
     "a 255-byte name of three-byte characters is written");
  ok(temporaries() == 0, "no temporary is left after the long names");
}

/* Two processes committing a pair to the same names: the renames of one
 * set wait while another cnet holds the directory (its renames), so the
 * pair on disk is never one file from each. */
static void concurrent_pairs(void) {
  int dfd = open(dir, O_RDONLY | O_DIRECTORY);
  ok(dfd >= 0 && flock(dfd, LOCK_EX) == 0, "the test holds the directory");
  pid_t pid = fork();
  if (pid == 0) {
    char why[512];
    int rc;
    cn_out *o = cn_out_new();
    const cn_out_file *a = cn_out_add(o, at("d.csv"), 0, &rc, why, sizeof why);
    const cn_out_file *b = cn_out_add(o, at("d-actors.csv"), 0, &rc, why, sizeof why);
    if (!a || !b)
      _exit(2);
    fputs("ties", a->f);
    fputs("actors", b->f);
    _exit(cn_out_commit(o, why, sizeof why) == 0 ? 0 : 1);
  }
  /* both temporaries complete (the child is at its renames), then a while */
  for (int i = 0; i < 500 && temporaries() < 2; i++)
    usleep(10000);
  usleep(300000);
  ok(access(at("d.csv"), F_OK) != 0 && access(at("d-actors.csv"), F_OK) != 0,
     "a pair waits to take its names while another process renames");
  flock(dfd, LOCK_UN);
  close(dfd);
  int st = 0;
  waitpid(pid, &st, 0);
  ok(WIFEXITED(st) && WEXITSTATUS(st) == 0 && has_text(at("d.csv"), "ties") &&
         has_text(at("d-actors.csv"), "actors"),
     "and takes them once the directory is free");
}

static void pairs(void) {
  char why[512];
  int rc;
  /* both complete, then both renamed */
  cn_out *o = cn_out_new();
  const cn_out_file *a = cn_out_add(o, at("a.csv"), 0, &rc, why, sizeof why);
  const cn_out_file *b = cn_out_add(o, at("a-actors.csv"), 0, &rc, why, sizeof why);
  ok(a && b, "a pair is started");
  if (!a || !b)
    return;
  fputs("ties", a->f);
  fputs("actors", b->f);
  ok(access(at("a.csv"), F_OK) != 0 && access(at("a-actors.csv"), F_OK) != 0,
     "neither file of a pair has its name before the commit");
  ok(cn_out_commit(o, why, sizeof why) == 0, "a pair is committed");
  ok(has_text(at("a.csv"), "ties") && has_text(at("a-actors.csv"), "actors"),
     "both files of the pair are written");

  /* the second cannot be started: neither is written */
  o = cn_out_new();
  a = cn_out_add(o, at("b.csv"), 0, &rc, why, sizeof why);
  b = cn_out_add(o, at("fifo"), 0, &rc, why, sizeof why);
  ok(a && !b && rc == CN_OUT_FAILED, "the pair's second file is refused");
  cn_out_abort(o);
  ok(access(at("b.csv"), F_OK) != 0 && temporaries() == 0,
     "an aborted pair leaves no file and no temporary");

  /* a rename fails: the other file keeps its old text */
  o = cn_out_new();
  a = cn_out_add(o, at("a.csv"), 0, &rc, why, sizeof why);
  b = cn_out_add(o, at("c-actors.csv"), 0, &rc, why, sizeof why);
  ok(a && b, "a second pair is started");
  if (!a || !b)
    return;
  fputs("new ties", a->f);
  fputs("new actors", b->f);
  ok(mkdir(at("c-actors.csv"), 0700) == 0, "the second target becomes a directory");
  ok(cn_out_commit(o, why, sizeof why) == CN_OUT_FAILED,
     "the commit fails when a rename does");
  ok(has_text(at("a.csv"), "ties"), "the first file of the pair keeps its text");
  ok(temporaries() == 0, "a failed commit leaves no temporary");
  concurrent_pairs();
}

static void by_name_and_refusal(void) {
  char why[512];
  int rc;
  /* a writer that opens the temporary by name (libedit's write_history) */
  cn_out *o = cn_out_new();
  const cn_out_file *f = cn_out_add(o, at("hist"), CN_OUT_PRIVATE, &rc, why,
                                    sizeof why);
  FILE *g = f ? fopen(f->temp, "w") : NULL;
  ok(g != NULL, "the temporary opens by name");
  if (g) {
    fputs("by name", g);
    fclose(g);
  }
  ok(cn_out_commit(o, why, sizeof why) == 0 && has_text(at("hist"), "by name"),
     "what was written by name is committed");
  struct stat st;
  ok(stat(at("hist"), &st) == 0 && (st.st_mode & 07777) == 0600,
     "a private file is 0600");

  cn_out_refuse_writes(1);
  ok(put(at("refused.txt"), "x", 0, why, sizeof why) == CN_OUT_REFUSED &&
         strstr(why, "--no-write refuses every file write") &&
         access(at("refused.txt"), F_OK) != 0,
     "--no-write refuses a write");
  ok(put(at("hist"), "own", CN_OUT_PRIVATE, why, sizeof why) ==
             CN_OUT_REFUSED &&
         has_text(at("hist"), "by name"),
     "--no-write refuses cnet's own state too (the REPL's history)");
  cn_out_refuse_writes(0);
  ok(temporaries() == 0, "no temporary is left at the end");
}

/* A writer ended by sig between starting its files and committing them
 * leaves no temporary. */
static void ended_by(int sig, const char *name) {
  char what[128];
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    char why[512];
    int rc;
    cn_out *o = cn_out_new();
    const cn_out_file *a = cn_out_add(o, at("sig.csv"), 0, &rc, why, sizeof why);
    const cn_out_file *b = cn_out_add(o, at("sig-actors.csv"), 0, &rc, why,
                                      sizeof why);
    if (!a || !b)
      _exit(3);
    fputs("half", a->f);
    fflush(a->f);
    raise(sig);
    _exit(4); /* not reached: the signal ends the writer */
  }
  int status = 0;
  waitpid(pid, &status, 0);
  snprintf(what, sizeof what, "%s ends the writer as it would have", name);
  ok(WIFSIGNALED(status) && WTERMSIG(status) == sig, what);
  snprintf(what, sizeof what, "%s: no temporary is left", name);
  ok(temporaries() == 0, what);
  ok(access(at("sig.csv"), F_OK) != 0, "and no target is written");
}

/* A temporary as a process that was killed (-9) would leave it. */
static void leave_temporary(const char *target, long pid) {
  char name[300];
  snprintf(name, sizeof name, ".%s.cnet-%ld-abcdefghij", target, pid);
  FILE *f = fopen(at(name), "w");
  if (f)
    fclose(f);
}

static void signals_and_leftovers(void) {
  ended_by(SIGINT, "SIGINT");
  ended_by(SIGTERM, "SIGTERM");
  ended_by(SIGHUP, "SIGHUP");

  pid_t dead = fork();
  if (dead == 0)
    _exit(0);
  waitpid(dead, NULL, 0);
  leave_temporary("left.json", (long)dead);
  leave_temporary("left.json", (long)getppid()); /* a writer still alive */
  leave_temporary("other.json", (long)dead);     /* another target's */
  ok(temporaries() == 3, "three temporaries are left");
  char why[512];
  ok(put(at("left.json"), "new", 0, why, sizeof why) == 0,
     "the target of a killed writer is written");
  ok(temporaries() == 2, "the dead writer's temporary of it is removed");
  char live[300];
  snprintf(live, sizeof live, ".left.json.cnet-%ld-abcdefghij", (long)getppid());
  ok(access(at(live), F_OK) == 0, "a living writer's temporary stays");
  unlink(at(live));
  ok(put(at("other.json"), "x", 0, why, sizeof why) == 0 && temporaries() == 0,
     "each target's next write removes its own leftovers");
}

/* Confined to the scratch directory (as the working directory) and
 * a folder allowed outside it: what resolves inside may be written. */
static void confined(void) {
  char why[512], old[4096];
  ok(getcwd(old, sizeof old) != NULL, "the working directory is known");
  mkdir(at("w"), 0700);
  mkdir(at("w/in"), 0700);
  mkdir(at("w/.git"), 0700);
  mkdir(at("far"), 0700);
  ok(symlink("../far", at("w/out")) == 0, "a link out of the tree made");
  if (chdir(at("w")) != 0)
    return;
  cn_where_confine_writes();
  ok(put("in/a.txt", "a", 0, why, sizeof why) == 0, "a file below is written");
  ok(put("in/../b.txt", "b", 0, why, sizeof why) == 0,
     "a '..' that stays inside is no escape");
  ok(put("../c.txt", "c", 0, why, sizeof why) == CN_OUT_OUTSIDE &&
         strstr(why, "outside"),
     "a '..' that leads out is refused");
  ok(put("out/d.txt", "d", 0, why, sizeof why) == CN_OUT_OUTSIDE,
     "a link to a folder outside is refused");
  ok(put(".git/config", "e", 0, why, sizeof why) == CN_OUT_HIDDEN &&
         strstr(why, "hidden"),
     "a hidden folder is refused");
  ok(put("in/.env", "e", 0, why, sizeof why) == CN_OUT_HIDDEN,
     "a hidden file is refused");
  ok(put("missing/f.txt", "f", 0, why, sizeof why) == CN_OUT_FAILED &&
         strstr(why, "the folder 'missing' does not exist"),
     "a missing folder is an error of the system, not a refusal");
  ok(put("../hist", "own", CN_OUT_PRIVATE, why, sizeof why) == 0,
     "cnet's own state is written where it lives");
  ok(cn_where_allow_write("../far", why, sizeof why) == 0,
     "--allow-write takes a folder");
  ok(cn_where_allow_write("in/a.txt", why, sizeof why) != 0 &&
         strstr(why, "not a directory"),
     "--allow-write refuses a file");
  ok(put("out/d.txt", "d", 0, why, sizeof why) == 0 &&
         has_text(at("far/d.txt"), "d"),
     "an allowed folder is written, through a link too");
  ok(access(at("c.txt"), F_OK) != 0 && access(at("w/.git/config"), F_OK) != 0,
     "nothing refused was written");
  ok(chdir(old) == 0, "back in the first working directory");
}

static void remove_tree(const char *path) {
  struct stat st;
  if (lstat(path, &st) != 0)
    return;
  if (S_ISDIR(st.st_mode)) {
    DIR *d = opendir(path);
    for (struct dirent *e; d && (e = readdir(d));) {
      if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
        continue;
      char sub[4600];
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

int main(int argc, char **argv) {
  (void)argc;
  /* the writers below are tested as a process with the default signals
   * is: run where SIGINT or SIGHUP are ignored (under nohup, a background
   * job of a script) they would rightly keep ignoring them */
  signal(SIGINT, SIG_DFL);
  signal(SIGHUP, SIG_DFL);
  signal(SIGTERM, SIG_DFL);
  escapers();
  /* the scratch directory: beside this binary (build/) */
  const char *slash = strrchr(argv[0], '/');
  snprintf(dir, sizeof dir, "%.*stest_out.XXXXXX",
           slash ? (int)(slash - argv[0] + 1) : 0, argv[0]);
  if (!mkdtemp(dir)) {
    printf("FAIL cannot make a scratch directory: %s\n", strerror(errno));
    printf("%d passed, %d failed\n", pass, fail + 1);
    return 1;
  }
  char *real = realpath(dir, NULL); /* absolute: confined() changes dir */
  if (real) {
    snprintf(dir, sizeof dir, "%s", real);
    free(real);
  }
  single_files();
  pairs();
  by_name_and_refusal();
  signals_and_leftovers();
  confined(); /* last: writes stay confined from here on */
  remove_tree(dir);
  printf("%d passed, %d failed\n", pass, fail);
  return fail != 0;
}
