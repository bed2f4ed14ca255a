/* natives_brokerage.c — placeholder table, filled in below. */
#include "builtins.h"
const cn_native cn_natives_brokerage[] = {{NULL, NULL, NULL, NULL}};
const size_t cn_natives_brokerage_n = 0;
