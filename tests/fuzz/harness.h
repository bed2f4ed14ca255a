/* harness.h — what the fuzz harnesses share: quiet output, a private
 * working directory for the files a harness writes, and a case loaded from
 * bytes with queries run against it under a step limit. */
#ifndef CN_FUZZ_HARNESS_H
#define CN_FUZZ_HARNESS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "eval.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/// Standard output to /dev/null (results print there); returns a stream
/// on /dev/null for diagnostics.
FILE *fz_quiet(void);
/// Move into a private temporary directory (once per process) and return
/// its path; the harness's files are written there, by relative names.
const char *fz_workdir(void);
/// Replace the file `name` in the working directory by data[0..size).
void fz_write_file(const char *name, const uint8_t *data, size_t size);
/// Load `text` as the script `name` (relative names it includes or imports
/// are read from the working directory); if it loads without errors, run
/// the statements of `queries` against it with the built-ins, `extra` (may
/// be NULL) and a step limit.  Returns the errors of loading.
int fz_run_case(const char *name, const char *text, size_t len,
                const char *queries, const cn_native *extra, size_t nextra);

#endif
