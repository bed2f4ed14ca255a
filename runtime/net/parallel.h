/* parallel.h — run a measure's independent work items on a few threads (internal). */
#ifndef CN_PARALLEL_H
#define CN_PARALLEL_H

#include <stdint.h>

/* Processes items [begin, end) as worker `worker` (0 <= worker < the count
 * cn_parallel_workers gave).  Returns 0, or a negative CN_MEASURE_* status
 * that stops every worker. */
typedef int (*cn_parallel_fn)(void *ctx, int worker, int64_t begin,
                              int64_t end);

/* How many workers cn_parallel_for will use at most for `count` items taken
 * `chunk` at a time: min(online CPUs, CN_MEASURE_MAX_THREADS, chunks), >= 1.
 * Allocate per-worker scratch for that many before calling. */
int cn_parallel_workers(int64_t count, int64_t chunk);

/* Hands out [0, count) in chunks to `workers` threads (the caller's thread is
 * worker 0).  Every item is processed by exactly one worker, so per-item
 * results are exact whatever the thread count.  Checks cn_measure_interrupt
 * before every chunk.  Returns CN_MEASURE_OK, CN_MEASURE_INTERRUPTED or the
 * first negative status fn returned.  If a thread cannot be started, the
 * others do its share. */
int cn_parallel_for(int64_t count, int64_t chunk, int workers,
                    cn_parallel_fn fn, void *ctx);

#endif
