/* figure.h — figures of a case's networks, for dot() and render(): the
 * options of a call (figure_options.h), the styles by kind and layer, the
 * union of the panels laid out once, one panel per stage, and the final
 * composition with title, captions and legend (runtime/figure/).  The
 * figure model and Graphviz itself are runtime/gv's (render.h). */
#ifndef CN_FIGURE_H
#define CN_FIGURE_H

#include "eval.h"
#include "figure_options.h"
#include "render.h"

/// dot(): the DOT text of the figure of a call, before layout (in E's
/// arena).
const char *cn_figure_dot(cn_eval *E, cn_call *call);

/* What render() drew: the bytes of each file, tagged with its index in
 * paths (in result.items). */
typedef struct cn_figure_output {
  const char **paths;
  int npaths;
  cn_render_result result; /* the caller frees it */
} cn_figure_output;

/// render(): draw the figure of a call with options o (after
/// cn_figure_check_output): checks the format, layout and font, lays out
/// and renders in an isolated child, reports Graphviz's warnings, and
/// fails at the call if the render did.  Writes nothing.
void cn_figure_render(cn_eval *E, cn_call *call, const cn_figure_opts *o,
                      cn_figure_output *out);

/// render(to="….html"): a page shows every stage of a case that has
/// some, unless the call chose its network (stage=, at=, span=, stages=).
void cn_figure_page_stages(cn_eval *E, cn_call *call, cn_figure_opts *o);

#endif
