/* natives_measures.c — placeholder table, filled in below. */
#include "builtins.h"
const cn_native cn_natives_measures[] = {{NULL, NULL, NULL, NULL}};
const size_t cn_natives_measures_n = 0;
