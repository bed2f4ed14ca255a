/* run_limits.h — the resource limits of the command line (--max-steps,
 * --max-memory), so that an untrusted script stops instead of running or
 * growing without end. */
#ifndef CN_RUN_LIMITS_H
#define CN_RUN_LIMITS_H

/// Apply arg if it is a limit option: 1 if it was, 0 if arg is not one, -1
/// after printing why its value is wrong (a usage error).
int cn_limit_option(const char *arg);

#endif
