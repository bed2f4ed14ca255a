/* natives_change.c — placeholder table, filled in below. */
#include "builtins.h"
const cn_native cn_natives_change[] = {{NULL, NULL, NULL, NULL}};
const size_t cn_natives_change_n = 0;
