/* history.h — the REPL's history file, shared by every cnet REPL of the
 * user: each input is appended under a lock (two sessions at once keep
 * both their inputs), and the file is cut back to its last entries when
 * it grows past twice as many.  The format is libedit's, which
 * read_history() reads at start. */
#ifndef CN_HISTORY_H
#define CN_HISTORY_H

/// $XDG_DATA_HOME/cnet/history, else ~/.local/share/cnet/history, its
/// directory made if missing (but not under --no-write); malloc'd, or NULL
/// when there is nowhere to keep it.
char *cn_history_path(void);
/// Append one entry; keep the last `keep` entries once the file holds more
/// than 2 * keep.  Nothing under --no-write; a failure is silent (no
/// history is no error).
void cn_history_append(const char *path, const char *entry, int keep);

#endif
