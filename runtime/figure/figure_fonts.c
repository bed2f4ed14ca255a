/* figure_fonts.c — before anything is drawn: does the font cover every
 * text of the figure (labels, title, captions, legend)? */
#include <stdlib.h>
#include <string.h>

#include "figure_draw.h"

/* Collect the texts the font must cover. */
static void add_texts(cn_eval *E, const cn_fig *f, const char ***texts,
                      size_t *n, size_t *cap) {
  for (int pass = 0; pass < 3; pass++) {
    int count = pass == 0 ? f->nodes.n : pass == 1 ? f->clusters.n : 1;
    for (int i = 0; i < count; i++) {
      const cn_fig_attrs *at = pass == 0   ? &f->nodes.items[i].attrs
                               : pass == 1 ? &f->clusters.items[i].attrs
                                           : &f->graph;
      const char *l = cn_fig_get(at, "label");
      if (!l)
        continue;
      if (*n + 1 >= *cap) {
        size_t nc = *cap ? *cap * 2 : 64;
        const char **t = cn_arena_alloc(E->arena, sizeof(char *) * nc);
        if (*n)
          memcpy(t, *texts, sizeof(char *) * *n);
        *texts = t;
        *cap = nc;
      }
      (*texts)[(*n)++] = l;
    }
  }
}

void figure_check_font(drawing *d) {
  cn_eval *E = d->E;
  const char **texts = NULL;
  size_t n = 0, cap = 0;
  add_texts(E, &d->layout, &texts, &n, &cap);
  for (int p = 0; p < d->npanels; p++)
    add_texts(E, &d->panels[p].fig, &texts, &n, &cap);
  const char *more[16];
  size_t m = 0;
  const cn_case *c = E->c;
  more[m++] = d->title_html;
  more[m++] = d->w->ties;
  more[m++] = d->w->actors;
  more[m++] = d->w->group;
  more[m++] = d->w->broker;
  more[m++] = d->w->key;
  more[m++] = d->w->listed;
  more[m++] = d->w->absent;
  const char **all = cn_arena_alloc(E->arena, sizeof(char *) *
                                    (n + m + c->layers.n + c->kinds.n + (size_t)d->npanels + 4));
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    all[k++] = texts[i];
  for (size_t i = 0; i < m; i++)
    all[k++] = more[i];
  for (size_t i = 0; i <= c->layers.n; i++)
    all[k++] = d->st.llabel[i];
  for (size_t i = 0; i <= c->kinds.n; i++)
    all[k++] = d->st.klabel[i];
  for (int p = 0; p < d->npanels; p++)
    all[k++] = d->panels[p].caption;
  char *hint = NULL;
  char *problem = cn_render_font_problem(d->o->font, all, k, &hint);
  if (problem) {
    char *msg = cn_arena_strdup(E->arena, problem);
    char *h = hint ? cn_arena_strdup(E->arena, hint) : NULL;
    free(problem);
    free(hint);
    cn_eval_fail(E, d->o->loc, h, "%s", msg);
  }
}
