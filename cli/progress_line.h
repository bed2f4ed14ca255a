/* progress_line.h — the line that shows how far long work is, on a terminal. */
#ifndef CN_PROGRESS_LINE_H
#define CN_PROGRESS_LINE_H

/// Show progress on standard error from now on, if it is a terminal and
/// not quiet.  Work shorter than a second shows nothing
/// (CNET_PROGRESS_AFTER=SECONDS changes that, for tests).
void cn_cli_progress_init(int quiet);

#endif
