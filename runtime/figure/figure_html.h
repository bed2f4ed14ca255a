/* figure_html.h — the page of render(to="case.html") (figure_html.c):
 * its data, computed in the parent, and the page itself, written in the
 * renderer's child from the layout.  Private to runtime/figure/. */
#ifndef CN_FIGURE_HTML_H
#define CN_FIGURE_HTML_H

#include "figure_draw.h"

/// The page's data as JSON safe inside a <script> block (in E's arena):
/// the actors and groups of the layout, the layers, and per stage panel
/// its actors with their measures, its ties with their evidence, its
/// brokers (the first: its key actor) with explain()'s reading, its
/// events; succession() when the page shows stages.
const char *figure_page_data(drawing *d);
/// The page (d->page_data set): each panel composed from layout g as
/// render() composes one per file, the data, the page's script and style.
/// *data is malloc'ed.  0, or -1 with why.
int figure_page(drawing *d, const cn_fig_geom *g, char **data, size_t *len,
                char *why, size_t nwhy);

#endif
