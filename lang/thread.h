/* thread.h — a helper thread for the front end's work on large texts. */
#ifndef CN_THREAD_H
#define CN_THREAD_H

#include <pthread.h>

/// Start fn(arg) on a new thread that blocks every signal, so that signals
/// (Ctrl-C) reach the thread that started it.  0, or pthread_create's error.
int cn_thread_start(pthread_t *t, void *(*fn)(void *), void *arg);
/// Does the machine have a second processor for such a thread?
int cn_thread_worth(void);

#endif
