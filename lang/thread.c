/* thread.c — helper threads that leave signals to the thread that
 * started them. */
#include "thread.h"

#include <signal.h>
#include <unistd.h>

int cn_thread_start(pthread_t *t, void *(*fn)(void *), void *arg) {
  sigset_t all, old;
  sigfillset(&all);
  /* a fault is the faulting thread's own: blocked, the kernel would end
   * the process instead of running the handler (a mapped script cut short
   * while a helper reads it raises SIGBUS there: lang/source.c) */
  sigdelset(&all, SIGBUS);
  sigdelset(&all, SIGSEGV);
  sigdelset(&all, SIGFPE);
  sigdelset(&all, SIGILL);
  pthread_sigmask(SIG_SETMASK, &all, &old); /* the new thread inherits it */
  int err = pthread_create(t, NULL, fn, arg);
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  return err;
}

int cn_thread_worth(void) { return sysconf(_SC_NPROCESSORS_ONLN) > 1; }
