/* figure_messages.c — Graphviz's warnings in the words of a figure: what
 * cnet's figure does about them, not what Graphviz's internals call them.
 * A warning that says nothing the author can act on is dropped, with the
 * reason here. */
#include <string.h>

#include "figure_draw.h"

typedef struct translation {
  const char *starts;  /* the start of Graphviz's text */
  const char *says;    /* cnet's, or NULL: dropped */
} translation;

static const translation translations[] = {
    /* the router gave up on one panel: its ties are drawn as cnet draws
     * multiplex ties, which is correct, only less curved */
    {"nodes touch - falling back to straight line edges",
     "some actors stand too close for ties to be routed around them: "
     "those ties are drawn straight (a wider width= gives them room)"},
    /* dot's router lost a tie's box: the tie may be drawn wrong */
    {"Unable to reclaim box space in spline routing",
     "Graphviz could not route a tie around the actors: look at the ties "
     "of the figure (layout=neato routes them differently)"},
    {"Overlap value \"prism\" unsupported",
     "this Graphviz has no prism overlap removal (built without GTS): "
     "labels may overlap; install Debian's libgvc6"},
    /* cnet sets no size=, ratio= or page=: nothing for the author to do */
    {"size too small for label", NULL},
};

const char *figure_graphviz_warning(cn_arena *A, const char *raw) {
  for (size_t i = 0; i < sizeof translations / sizeof *translations; i++)
    if (strncmp(raw, translations[i].starts, strlen(translations[i].starts)) == 0)
      return translations[i].says;
  return cn_arena_printf(A, "Graphviz: %s", raw);
}
