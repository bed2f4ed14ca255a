/* natives_export.c — export(sel…, to="f.graphml|gexf|net|dl|csv|json",
 * dialect=):
 * a network handed to Gephi, UCINET, Pajek, R or Python (runtime/eval/export.c
 * writes the formats). */
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "builtins.h"
#include "export.h"
#include "snapshot.h"
#include "where.h"

/* dialect= of a .net file: "portable" (igraph and NetworkX read it too) or
 * "pajek" (the Pajek program's own, with layers and time). */
static int pajek_dialect(cn_eval *E, cn_call *call, cn_export_format fmt) {
  const cn_loc *loc;
  const cn_value *d = cn_arg_named(call, "dialect", &loc);
  if (!d)
    return 0;
  const char *s = cn_arg_string(E, d, loc);
  if (fmt != CN_EXPORT_PAJEK)
    cn_eval_fail(E, loc, "only Pajek (.net) has dialects",
                 "dialect= is for a .net file");
  if (strcmp(s, "pajek") == 0)
    return CN_EXPORT_PAJEK_OWN;
  if (strcmp(s, "portable") != 0)
    cn_eval_fail(E, loc,
                 "dialect=\"portable\" (the default: igraph, NetworkX and "
                 "Pajek read it) or dialect=\"pajek\" (Pajek's own: one "
                 "section per layer, time intervals)",
                 "unknown dialect '%s'", s);
  return 0;
}

static cn_value f_export(cn_eval *E, cn_call *call) {
  const cn_loc *to_loc = NULL;
  const cn_value *to = cn_arg_named(call, "to", &to_loc);
  if (!to)
    cn_eval_fail(E, &call->node->loc,
                 "the format comes from the extension: .graphml, .gexf, .net, "
                 ".dl, .csv or .json",
                 "export() needs to=\"FILE\"");
  const char *path = cn_arg_string(E, to, to_loc);
  cn_export_format fmt = cn_export_format_of(path);
  if (fmt == CN_EXPORT_NONE)
    cn_eval_fail(E, to_loc,
                 ".graphml (Gephi, yEd, igraph, NetworkX), .gexf (Gephi, with "
                 "its timeline), .net (Pajek), .dl (UCINET), .csv (R, Python, "
                 "Excel) or .json (NetworkX node-link)",
                 "cannot tell the format of '%s' from its extension", path);
  int flags = pajek_dialect(E, call, fmt);
  cn_snapshot *s = cn_snapshot_of_call(E, call);
  cn_arg_done(E, call);
  cn_arg_count(E, call);
  char selection[512], why[1024];
  cn_selection_describe(E->c, &s->sel, selection, sizeof selection);
  const char *title = E->c->title ? E->c->title->str : NULL;
  int rc = cn_export_write(s, path, fmt, flags, title, selection, why,
                           sizeof why);
  if (rc == CN_OUT_REFUSED)
    cn_eval_fail(E, to_loc,
                 "ties(…) and actors(…) print the same data without writing "
                 "(-f csv for a table)",
                 "%s", why);
  if (cn_out_refusal_hint(rc))
    cn_eval_fail(E, to_loc, cn_out_refusal_hint(rc), "%s", why);
  if (rc != 0)
    cn_eval_error(E, to_loc, "%s", why);
  if (fmt == CN_EXPORT_DL) {
    char *key = cn_export_companion(path, fmt);
    char *msg = cn_arena_printf(E->arena, "%s", key);
    free(key);
    cn_diag_warning(E->diag, to_loc, "UCINET reads no Unicode: '%s' labels "
                                     "the actors a1, a2 …, and '%s' gives "
                                     "their real names",
                    path, msg);
  }
  return cn_nil();
}

const cn_native cn_natives_export[] = {
    {"export",
     CN_ARGS(CN_KEY("to", CN_A_FILE, NULL, "\"f.graphml|gexf|net|dl|csv|json\""),
             CN_KEY("dialect", CN_A_WORD, NULL, NULL)),
     1,
     "write a network for other tools, the format from the extension: "
     "GraphML, GEXF 1.2draft with spells (Gephi's timeline), Pajek (layers "
     "as line labels; dialect=\"pajek\": Pajek's own, a section per layer "
     "and time intervals), UCINET DL (with a key of ASCII labels), CSV "
     "(f.csv ties + f-actors.csv) or node-link JSON (NetworkX)",
     f_export},
};
const size_t cn_natives_export_n =
    sizeof cn_natives_export / sizeof *cn_natives_export;
