/* progress.c — see progress.h. */
#include "progress.h"

#include <stddef.h>

void (*cn_progress_hook)(const char *what, int64_t done, int64_t total) = NULL;
const char *cn_progress_what = NULL;
