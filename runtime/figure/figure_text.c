/* figure_text.c — the words a figure writes: actors' labels (wrapped when
 * long), attribute values as text, the title, the stage captions, and the
 * legend's words in the case's language. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "figure_draw.h"
#include "number.h"
#include "utf8.h"

/* A number in a label or an attribute, in full (number.h). */
static const char *num_label(cn_arena *A, double x) {
  char b[CN_NUM_BUF];
  cn_num_text(b, sizeof b, x);
  return cn_arena_strdup(A, b);
}

/* Attribute of a declaration as text, or NULL. */
const char *figure_attr_text(cn_eval *E, const cn_attrs *at, const char *key) {
  const cn_attr *a = cn_attrs_get(at, key);
  if (!a)
    return NULL;
  const cn_ast *v = a->value;
  switch (v->kind) {
  case CN_AST_STR: return v->u.str->str;
  case CN_AST_NAME: return v->u.name->str;
  case CN_AST_NUM: return num_label(E->arena, v->u.num);
  case CN_AST_UNOP:
    if (v->u.binop.lhs && v->u.binop.lhs->kind == CN_AST_NUM)
      return num_label(E->arena, -v->u.binop.lhs->u.num);
    return NULL;
  case CN_AST_BOOL: return v->u.boolean ? "true" : "false";
  default: return NULL;
  }
}

static const words words_zh = {
    "关系", "行动者", "合并的群组", "占据结构洞", "关键行动者", "突出显示",
    "本阶段不在场", "行动者", "关系", "合并", "不含", "、", 1};
static const words words_en = {"Ties",
                               "Actors",
                               "collapsed group",
                               "spans a structural hole",
                               "key actor",
                               "highlighted",
                               "absent in this stage",
                               "actor",
                               "tie",
                               "collapsed",
                               "without",
                               ", ",
                               0};

static int has_cjk(const char *s) {
  size_t n = strlen(s), i = 0;
  while (i < n) {
    int32_t cp;
    size_t k = cn_utf8_decode(s + i, n - i, &cp);
    if (!k)
      return 0;
    if (cp >= 0x2E80 && cp <= 0x9FFF)
      return 1;
    i += k;
  }
  return 0;
}

/* zh or en: 1 for Chinese, 0 for English, -1 for neither. */
static int lang_zh(const char *lang) {
  return strcmp(lang, "zh") == 0 ? 1 : strcmp(lang, "en") == 0 ? 0 : -1;
}

/* The case's title decides when nothing else does: a study in English of
 * Chinese actors keeps their Chinese names, but titles its case in
 * English (the actors' names say nothing of the paper's language). */
const words *figure_words(cn_eval *E, const cn_figure_opts *o) {
  const cn_case *c = E->c;
  if (o->lang)
    return lang_zh(o->lang) ? &words_zh : &words_en; /* checked as read */
  const cn_attr *at = cn_attrs_get(c->attrs, "lang");
  if (at) {
    const char *lang = figure_attr_text(E, c->attrs, "lang");
    int zh = lang ? lang_zh(lang) : -1;
    if (zh < 0)
      cn_eval_fail(E, &at->value->loc,
                   "write lang = \"zh\" or lang = \"en\" in the case's "
                   "block, or lang= in the call",
                   "the case's lang is %s: figures are written in zh or en",
                   lang ? lang : "not a word");
    return zh ? &words_zh : &words_en;
  }
  return c->title && has_cjk(c->title->str) ? &words_zh : &words_en;
}

/* Break a long label (wider than 16 columns: narrower nodes pack better
 * in a force layout) once near its middle, before an opening bracket or
 * after a space, slash or enumeration comma, when neither line is under a
 * third of the whole; labels with their own line breaks are kept as
 * written. */
static const char *wrap_label(cn_arena *A, const char *s) {
  if (strchr(s, '\n'))
    return s;
  size_t n = strlen(s);
  int width = cn_utf8_str_width(s, n);
  if (width <= 16)
    return s;
  size_t best = 0;
  int bestd = 1 << 30, col = 0;
  size_t i = 0;
  while (i < n) {
    int32_t cp;
    size_t k = cn_utf8_decode(s + i, n - i, &cp);
    if (!k)
      return s;
    size_t cut = 0;
    if ((cp == 0xFF08 || cp == '(') && i > 0)
      cut = i; /* before （ */
    else if (cp == ' ' || cp == '/' || cp == 0x3001 || cp == 0xFF0C)
      cut = i + k; /* after the separator */
    col += cn_utf8_width(cp);
    if (cut && cut < n) {
      int d = abs(2 * (cut == i ? col - cn_utf8_width(cp) : col) - width);
      if (d < bestd) {
        bestd = d;
        best = cut;
      }
    }
    i += k;
  }
  if (!best || 3 * bestd > width)
    return s; /* no break, or only a lopsided one ("江苏、\n浙江再生铅冶炼厂") */
  size_t a = best, b = best;
  while (a > 0 && s[a - 1] == ' ')
    a--;
  while (b < n && s[b] == ' ')
    b++;
  return cn_arena_printf(A, "%.*s\n%s", (int)a, s, s + b);
}

const char *figure_key_label(drawing *d, int32_t key) {
  const cn_case *c = d->E->c;
  const char *text = NULL;
  if (key >= 0) {
    text = figure_attr_text(d->E, c->actors.items[key].attrs, "label");
    if (!text)
      text = c->actors.items[key].name->str;
  } else {
    const cn_group *g = &c->groups.items[-1 - key];
    text = g->label ? g->label->str : g->name->str;
  }
  return wrap_label(d->E->arena, text);
}

const char *figure_span_text(cn_arena *A, cn_span s) {
  if (isinf(s.from) && isinf(s.to))
    return "";
  const char *a = num_label(A, s.from), *b = num_label(A, s.to);
  if (s.from == s.to)
    return a;
  if (isinf(s.from))
    return cn_arena_printf(A, "–%s", b);
  if (isinf(s.to))
    return cn_arena_printf(A, "%s–", a);
  return cn_arena_printf(A, "%s–%s", a, b);
}

static const char *stage_line(cn_arena *A, const cn_stage *st) {
  const char *span = figure_span_text(A, st->span);
  const char *move = cn_stage_move(A, st);
  if (move)
    return cn_arena_printf(A, "%s%s%s", span, *span ? " · " : "", move);
  return span;
}

/* The caption of the p-th stage panel: (a) the stage's label, and its
 * span and states on a second line (HTML), or after it on one line
 * (`one_line`: the page is then shorter by a line per row of panels). */
const char *figure_stage_caption(cn_arena *A, const cn_stage *st, int p,
                                 int one_line) {
  const char *line = stage_line(A, st);
  char letter[8];
  snprintf(letter, sizeof letter, "(%c) ", p < 26 ? 'a' + p : '*');
  return cn_arena_printf(A, "<B>%s%s</B>%s%s", letter,
                         cn_fig_html_text(A, st->label ? st->label->str
                                                       : st->name->str),
                         !*line ? "" : one_line ? "  " : "<BR/>",
                         cn_fig_html_text(A, line));
}

/* The width of the one-line caption at 1 pt; its bold part measured as
 * 8 % wider than plain text (Noto Sans CJK Bold's advance over Regular's
 * is at most that). */
double figure_stage_caption_width(cn_arena *A, const cn_stage *st, int p) {
  char letter[8];
  snprintf(letter, sizeof letter, "(%c) ", p < 26 ? 'a' + p : '*');
  const char *head = cn_arena_printf(A, "%s%s", letter,
                                     st->label ? st->label->str : st->name->str);
  return 1.08 * cn_fig_text_width(head, 1) +
         cn_fig_text_width(cn_arena_printf(A, "  %s", stage_line(A, st)), 1);
}

const char *figure_layer_caption(cn_arena *A, const cn_layer *ly, int p) {
  char letter[8];
  snprintf(letter, sizeof letter, "(%c) ", p < 26 ? 'a' + p : '*');
  return cn_arena_printf(A, "<B>%s%s</B>", letter,
                         cn_fig_html_text(A, ly->label ? ly->label->str
                                                       : ly->name->str));
}

/* The width of a layer's caption at 1 pt (bold, as above). */
double figure_layer_caption_width(cn_arena *A, const cn_layer *ly, int p) {
  char letter[8];
  snprintf(letter, sizeof letter, "(%c) ", p < 26 ? 'a' + p : '*');
  return 1.08 * cn_fig_text_width(cn_arena_printf(A, "%s%s", letter,
                                                  ly->label ? ly->label->str
                                                            : ly->name->str),
                                  1);
}

/* text + sep + more, or the one that is not empty. */
static const char *joined(cn_arena *A, const char *text, const char *sep,
                          const char *more) {
  return *text ? cn_arena_printf(A, "%s%s%s", text, sep, more) : more;
}

/* The labels of n layers, groups or actors (ns), joined in the figure's
 * language. */
static const char *labels(drawing *d, enum cn_ns ns, const int32_t *ids,
                          int n) {
  const cn_case *c = d->E->c;
  cn_arena *A = d->E->arena;
  const char *out = "";
  for (int i = 0; i < n; i++) {
    const cn_layer *ly = ns == CN_NS_LAYER ? &c->layers.items[ids[i]] : NULL;
    const cn_group *g = ns == CN_NS_GROUP ? &c->groups.items[ids[i]] : NULL;
    const char *one =
        ly ? (ly->label ? ly->label->str : ly->name->str)
        : g ? (g->label ? g->label->str : g->name->str)
            : figure_attr_text(d->E, c->actors.items[ids[i]].attrs, "label");
    if (!one)
      one = c->actors.items[ids[i]].name->str;
    out = joined(A, out, d->w->list_sep, one);
  }
  return out;
}

/* A selection without stage, as a subtitle: its span and the labels of
 * what it picks ("1995–2013 · 交易网络、行业网络 · 合并 政企联盟"); "" for
 * the whole case. */
static const char *selection_subtitle(drawing *d, const cn_selection *sel) {
  cn_arena *A = d->E->arena;
  const char *sub = figure_span_text(A, sel->span);
  if (sel->nlayers)
    sub = joined(A, sub, " · ", labels(d, CN_NS_LAYER, sel->layers, sel->nlayers));
  if (sel->ncollapse)
    sub = joined(A, sub, " · ",
                 cn_arena_printf(A, "%s %s", d->w->collapsed,
                                 labels(d, CN_NS_GROUP, sel->collapse,
                                        sel->ncollapse)));
  if (sel->nwithout)
    sub = joined(A, sub, " · ",
                 cn_arena_printf(A, "%s %s", d->w->without,
                                 labels(d, CN_NS_ACTOR, sel->without,
                                        sel->nwithout)));
  return sub;
}

const char *figure_title(drawing *d, const cn_selection *sel,
                                 int stage_mode) {
  const cn_case *c = d->E->c;
  cn_arena *A = d->E->arena;
  if (d->o->title)
    return *d->o->title ? cn_arena_printf(A, "<B>%s</B>",
                                          cn_fig_html_text(A, d->o->title))
                        : NULL;
  const char *head = c->title ? c->title->str : NULL;
  const char *sub = NULL;
  if (!stage_mode && sel->stage >= 0) {
    const cn_stage *st = &c->stages.items[sel->stage];
    const char *line = stage_line(A, st);
    sub = cn_arena_printf(A, "%s%s%s", st->label ? st->label->str : st->name->str,
                          *line ? "  " : "", line);
  } else if (!stage_mode) {
    sub = selection_subtitle(d, sel);
    if (!*sub)
      sub = NULL;
  }
  if (!head && !sub)
    return NULL;
  if (!head)
    return cn_arena_printf(A, "<B>%s</B>", cn_fig_html_text(A, sub));
  if (!sub)
    return cn_arena_printf(A, "<B>%s</B>", cn_fig_html_text(A, head));
  return cn_arena_printf(A, "<B>%s</B><BR/><FONT POINT-SIZE=\"%g\">%s</FONT>",
                         cn_fig_html_text(A, head), d->o->font_pt,
                         cn_fig_html_text(A, sub));
}

void figure_title_attrs(const drawing *d, cn_fig *out) {
  if (!d->title_html)
    return;
  cn_fig_set_html(out, &out->graph, "label", d->title_html);
  cn_fig_set(out, &out->graph, "labelloc", "t");
  cn_fig_setf(out, &out->graph, "fontsize", "%g", d->o->font_pt * TITLE_SCALE);
}
