/* where.h — where a script may write files, and (under --sandbox) read
 * them: the policy of TeX's openout_any=p.  The command line turns it on;
 * a program that never does (a unit test, a fuzz harness) writes anywhere.
 *
 * Writes go under a root: the working directory, the directory of each
 * script named on the command line (or loaded in the REPL), and each
 * --allow-write=DIR.  A path is resolved through the real path of its
 * directory, so neither ".." nor a symbolic link leads out of a root; no
 * component below the root may be hidden (start with '.'), so a case
 * cannot replace ~/.bashrc or a .git folder's files even inside a root.
 *
 * Reads by include and import, under --sandbox, go under the directories
 * of the scripts named (the working directory when there is none), with
 * the same rules. */
#ifndef CN_WHERE_H
#define CN_WHERE_H

#include <stddef.h>

/// The hint shown with a write refused by the policy.
#define CN_WHERE_WRITE_HINT                                                   \
  "write under the working directory or the script's folder, or start cnet " \
  "with --allow-write=DIR"
/// The hint shown with a write refused because the file or a folder on its
/// way is hidden: no option lifts that rule.
#define CN_WHERE_HIDDEN_HINT                                                  \
  "hidden files are never written, whatever --allow-write says: names "      \
  "starting with '.' hold programs' settings (.bashrc, .git/config), which " \
  "a case must not change (docs/files.md); drop the leading '.'"
/// The hint shown with a read refused by --sandbox.
#define CN_WHERE_READ_HINT                                                    \
  "under --sandbox, include and import read only files in the script's "     \
  "folder and below (no hidden ones)"

/// Confine writes from now on, to the working directory (unless it was
/// removed) and the roots added.
void cn_where_confine_writes(void);
/// --allow-write=DIR: writes may go under dir too.  0, or -1 with *why
/// set when dir is no directory.
int cn_where_allow_write(const char *dir, char *why, size_t nwhy);
/// A script's file: its directory becomes a root of writes and of reads.
void cn_where_add_script(const char *path);
/// --sandbox: confine include and import to the scripts' directories.
void cn_where_sandbox(void);

/// May path be written?  0 with *target set to the file to write (its
/// directory's real path and its name; malloc'd; NULL when writes are not
/// confined), or -1 with *why set (a refusal), -3 (a refusal of a hidden
/// file or folder) or -2 (an error of the system, such as a missing
/// directory, with *why set).
int cn_where_may_write(const char *path, char **target, char *why,
                       size_t nwhy);
/// May include or import read path?  0, or -1 with *why set.
int cn_where_may_read(const char *path, char *why, size_t nwhy);

#endif
