/* progress.c — see progress.h. */
#include "progress.h"

#include <stddef.h>

void (*cn_progress_hook)(const char *what, cn_progress_unit unit,
                         int64_t done, int64_t total) = NULL;
const char *cn_progress_what = NULL;
volatile sig_atomic_t cn_measure_interrupt = 0;
