/* natives_case.c — placeholder table, filled in below. */
#include "builtins.h"
const cn_native cn_natives_case[] = {{NULL, NULL, NULL, NULL}};
const size_t cn_natives_case_n = 0;
