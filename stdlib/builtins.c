/* builtins.c — registers the tables of built-in functions. */
#include "builtins.h"
#include "prelude.h"

void cn_stdlib_open(cn_eval *E) {
  cn_eval_register(E, cn_natives_case, cn_natives_case_n);
  cn_eval_register(E, cn_natives_measures, cn_natives_measures_n);
  cn_eval_register(E, cn_natives_network, cn_natives_network_n);
  cn_eval_register(E, cn_natives_brokerage, cn_natives_brokerage_n);
  cn_eval_register(E, cn_natives_change, cn_natives_change_n);
  cn_eval_register(E, cn_natives_table, cn_natives_table_n);
  cn_eval_register(E, cn_natives_aggregate, cn_natives_aggregate_n);
  cn_eval_register(E, cn_natives_render, cn_natives_render_n);
  cn_eval_register(E, cn_natives_export, cn_natives_export_n);
  cn_eval_register(E, cn_natives_position, cn_natives_position_n);
  cn_prelude_open(E);
}
