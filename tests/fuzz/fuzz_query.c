/* fuzz_query.c — libFuzzer harness: a small fixed case, then a fuzzed
 * query (any statement) evaluated against it, writes refused. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "atomic.h"
#include "builtins.h"
#include "eval.h"
#include "lang.h"
#include "load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char fixed_case[] =
    "layer 交易\nlayer 政策\nkind 企业\nkind 政府\n"
    "stage 起步 \"发展起步\" 1970..1994 : 无 -> 有\n"
    "stage 整合 1995..2013 : 有 -> 有 { collapse = 联盟 }\n"
    "actor 何竹贤 { place = 县内 }\nactor 甲, 乙 : 企业 { place = 县外 }\n"
    "actor B县政府 : 政府 { place = 县内 }\n"
    "何竹贤 -- 甲 : 交易 1980.. { source = \"181025XZ\" }\n"
    "何竹贤 -> 乙 : 交易 ..1990\n甲 -- B县政府 : 政策 in 整合\n"
    "乙 -- {甲, B县政府} : 政策 2000.. { weight = 2 }\n"
    "group 联盟 = {B县政府, 甲}\nevent 1997 \"通知\" { stage = 整合 }\n";

static int run_stmt(cn_parser *P, cn_ast *s) {
  cn_eval *E = P->ud;
  if (s->kind == CN_AST_EXPR || s->kind == CN_AST_LET || s->kind == CN_AST_DEF) {
    cn_eval_stmt(E, s, 1);
    return 1;
  }
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static FILE *devnull;
  if (!devnull) {
    devnull = fopen("/dev/null", "w");
    if (!freopen("/dev/null", "w", stdout))
      return 0;
  }
  cn_diag diag;
  cn_diag_init(&diag, devnull);
  cn_case c;
  cn_case_init(&c);
  cn_load_text(&c, "<case>", fixed_case, sizeof fixed_case - 1, &diag);
  cn_load_finish(&c, &diag);
  cn_eval E;
  cn_eval_init(&E, &c, &diag);
  cn_out_refuse_writes(1); /* a fuzzed query writes no file */
  E.max_steps = 20000;
  cn_stdlib_open(&E);
  cn_source *src = cn_src_from_text("<fuzz>", (const char *)data, size, &diag);
  if (src) {
    cn_case_add_source(&c, src);
    cn_parse_text(src, &c.names, &diag, &c.arena, run_stmt, &E);
  }
  cn_eval_free(&E);
  cn_case_free(&c);
  return 0;
}
