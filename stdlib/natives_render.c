/* natives_render.c — placeholder table, filled in by the rendering work. */
#include "builtins.h"
const cn_native cn_natives_render[] = {{NULL, NULL, NULL, NULL}};
const size_t cn_natives_render_n = 0;
