/* parallel.c — a chunked parallel-for over pthreads for the measures. */
#include "parallel.h"

#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

#include "measures.h"
#include "progress.h"

#ifndef CN_MEASURE_MAX_THREADS
#define CN_MEASURE_MAX_THREADS 8
#endif

typedef struct job {
  atomic_llong next; /* first item of the next chunk to hand out */
  atomic_int status; /* 0 until some worker fails or sees the interrupt */
  int64_t count, chunk;
  cn_parallel_fn fn;
  void *ctx;
} job;

typedef struct worker_arg {
  job *j;
  int id;
} worker_arg;

int cn_parallel_workers(int64_t count, int64_t chunk) {
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  int64_t w = cpus < 1 ? 1 : cpus;
  if (w > CN_MEASURE_MAX_THREADS)
    w = CN_MEASURE_MAX_THREADS;
  if (chunk < 1)
    chunk = 1;
  int64_t chunks = (count + chunk - 1) / chunk;
  if (w > chunks)
    w = chunks;
  return w < 1 ? 1 : (int)w;
}

static void fail(job *j, int status) {
  int expected = 0;
  atomic_compare_exchange_strong(&j->status, &expected, status);
}

static void *work(void *p) {
  worker_arg *a = p;
  job *j = a->j;
  while (atomic_load(&j->status) == 0) {
    if (cn_measure_interrupt) {
      fail(j, CN_MEASURE_INTERRUPTED);
      break;
    }
    int64_t b = atomic_fetch_add(&j->next, j->chunk);
    if (b >= j->count)
      break;
    int64_t e = b + j->chunk < j->count ? b + j->chunk : j->count;
    int r = j->fn(j->ctx, a->id, b, e);
    if (r != 0) {
      fail(j, r);
      break;
    }
    if (a->id == 0) /* the calling thread says how far the loop is */
      cn_progress(e, j->count);
  }
  return NULL;
}

int cn_parallel_for(int64_t count, int64_t chunk, int workers,
                    cn_parallel_fn fn, void *ctx) {
  job j;
  atomic_init(&j.next, 0);
  atomic_init(&j.status, 0);
  j.count = count;
  j.chunk = chunk < 1 ? 1 : chunk;
  j.fn = fn;
  j.ctx = ctx;
  if (workers > CN_MEASURE_MAX_THREADS)
    workers = CN_MEASURE_MAX_THREADS;
  pthread_t tid[CN_MEASURE_MAX_THREADS];
  worker_arg args[CN_MEASURE_MAX_THREADS];
  int started = 0;
  for (int w = 1; w < workers; w++) {
    args[w].j = &j;
    args[w].id = w;
    if (pthread_create(&tid[w], NULL, work, &args[w]) != 0)
      break;
    started = w;
  }
  args[0].j = &j;
  args[0].id = 0;
  work(&args[0]);
  for (int w = 1; w <= started; w++)
    pthread_join(tid[w], NULL);
  return atomic_load(&j.status);
}
