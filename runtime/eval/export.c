/* export.c — snapshots written for other tools: GraphML (typed keys),
 * GEXF 1.2draft (spells for Gephi's timeline), Pajek (each line labelled
 * with its layer), UCINET DL (ASCII labels plus a key), CSV tables (UTF-8
 * with BOM, for Excel, R and Python) and node-link JSON (what NetworkX's
 * node_link_graph reads).  Every number is written by cn_num_text, so that
 * it reads back as the same double. */
#include "export.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "escape.h"
#include "number.h"
#include "utf8.h"

/* ---- the model: vertices, ties and attribute columns ---- */

enum { T_INT, T_DOUBLE, T_BOOL, T_STRING };
static const char *const graphml_type[] = {"int", "double", "boolean",
                                           "string"};
static const char *const gexf_type[] = {"integer", "double", "boolean",
                                        "string"};

typedef struct column {
  const char *key;
  int type;
} column;

typedef struct model {
  const cn_snapshot *s;
  const cn_case *c;
  const char *title, *selection;
  column *vcols, *ecols; /* free attributes of vertices and ties */
  int nv, ne;
  int directed;          /* every tie is directed (and there is one) */
  int integral;          /* every finite year is a whole number */
  int groups;            /* a collapsed group is among the vertices */
} model;

static const cn_tie *tie_at(const model *M, int64_t i) {
  return &M->c->ties.items[M->s->ties[i]];
}

static int32_t tail_of(const model *M, const cn_tie *t) {
  return M->s->actor_vertex[t->from];
}

static int32_t head_of(const model *M, const cn_tie *t) {
  return M->s->actor_vertex[t->to];
}

static const char *vname(const model *M, int32_t v) {
  return cn_snapshot_vertex_name(M->s, v)->str;
}

static const cn_actor *vactor(const model *M, int32_t v) {
  int32_t a = M->s->vertex_actor[v];
  return a >= 0 ? &M->c->actors.items[a] : NULL;
}

static const cn_group *vgroup(const model *M, int32_t v) {
  int32_t a = M->s->vertex_actor[v];
  return a < 0 ? &M->c->groups.items[-1 - a] : NULL;
}

static const char *vkind(const model *M, int32_t v) {
  const cn_actor *a = vactor(M, v);
  return a && a->kind >= 0 ? M->c->kinds.items[a->kind].name->str : "";
}

static const cn_attrs *vattrs(const model *M, int32_t v) {
  const cn_actor *a = vactor(M, v);
  return a ? a->attrs : vgroup(M, v)->attrs;
}

static const char *layer_name(const model *M, const cn_tie *t) {
  return t->layer >= 0 ? M->c->layers.items[t->layer].name->str : "";
}

/* Members of a collapsed group, joined by ';' (arena of the case). */
static void members_text(const model *M, int32_t v, char *buf, size_t n) {
  const cn_group *g = vgroup(M, v);
  size_t len = 0;
  buf[0] = '\0';
  for (int i = 0; g && i < g->nmembers && len < n; i++)
    len += (size_t)snprintf(buf + len, n - len, "%s%s", i ? ";" : "",
                            M->c->actors.items[g->members[i]].name->str);
}

/* Keys with a meaning: kept out of the free columns. */
static int reserved_vertex_key(const char *k) {
  static const char *const r[] = {"name", "kind", "span", "start", "end",
                                  "members", "id", NULL};
  for (int i = 0; r[i]; i++)
    if (strcmp(k, r[i]) == 0)
      return 1;
  return 0;
}

static int reserved_tie_key(const char *k) {
  static const char *const r[] = {"from", "to", "layer", "directed",
                                  "weight", "span", "start", "end", "source",
                                  "sources", "transient", "key", "id",
                                  "label", "target", NULL};
  for (int i = 0; r[i]; i++)
    if (strcmp(k, r[i]) == 0)
      return 1;
  return 0;
}

static int literal_type(const cn_ast *v) {
  switch (v->kind) {
  case CN_AST_NUM:
    return v->u.num == floor(v->u.num) && fabs(v->u.num) < 2147483647.0
               ? T_INT
               : T_DOUBLE;
  case CN_AST_UNOP:
    return v->u.binop.lhs && v->u.binop.lhs->kind == CN_AST_NUM
               ? literal_type(v->u.binop.lhs)
               : T_STRING;
  case CN_AST_BOOL: return T_BOOL;
  default: return T_STRING;
  }
}

static int merge_type(int a, int b) {
  if (a == b)
    return a;
  if ((a == T_INT && b == T_DOUBLE) || (a == T_DOUBLE && b == T_INT))
    return T_DOUBLE;
  return T_STRING;
}

static void add_columns(column **cols, int *n, const cn_attrs *at,
                        int (*reserved)(const char *)) {
  for (int i = 0; at && i < at->n; i++) {
    const char *k = at->items[i].key.name->str;
    if (reserved(k))
      continue;
    int t = literal_type(at->items[i].value), found = 0;
    for (int j = 0; j < *n && !found; j++)
      if (strcmp((*cols)[j].key, k) == 0) {
        (*cols)[j].type = merge_type((*cols)[j].type, t);
        found = 1;
      }
    if (!found) {
      *cols = cn_xrealloc(*cols, sizeof **cols * (size_t)(*n + 1));
      (*cols)[*n].key = k;
      (*cols)[(*n)++].type = t;
    }
  }
}

static void note_year(model *M, double y) {
  if (isfinite(y) && y != floor(y))
    M->integral = 0;
}

static void model_init(model *M, const cn_snapshot *s, const char *title,
                       const char *selection) {
  memset(M, 0, sizeof *M);
  M->s = s;
  M->c = s->c;
  M->title = title;
  M->selection = selection;
  M->integral = 1;
  for (int32_t v = 0; v < s->n; v++) {
    add_columns(&M->vcols, &M->nv, vattrs(M, v), reserved_vertex_key);
    M->groups |= vgroup(M, v) != NULL;
    const cn_actor *a = vactor(M, v);
    if (a && a->has_span) {
      note_year(M, a->span.from);
      note_year(M, a->span.to);
    }
  }
  M->directed = s->nties > 0;
  for (int64_t i = 0; i < s->nties; i++) {
    const cn_tie *t = tie_at(M, i);
    add_columns(&M->ecols, &M->ne, cn_tie_attrs(t), reserved_tie_key);
    M->directed &= t->directed;
    note_year(M, cn_tie_span(t).from);
    note_year(M, cn_tie_span(t).to);
  }
}

static void model_free(model *M) {
  free(M->vcols);
  free(M->ecols);
}

/* ---- values as text ---- */

/* The text of an attribute literal (lists joined by ';'). */
static void literal_text(const cn_ast *v, char *buf, size_t n) {
  switch (v->kind) {
  case CN_AST_NUM: cn_num_text(buf, n, v->u.num); return;
  case CN_AST_STR: snprintf(buf, n, "%s", v->u.str->str); return;
  case CN_AST_NAME: snprintf(buf, n, "%s", v->u.name->str); return;
  case CN_AST_BOOL: snprintf(buf, n, "%s", v->u.boolean ? "true" : "false"); return;
  case CN_AST_UNOP:
    if (v->u.binop.lhs && v->u.binop.lhs->kind == CN_AST_NUM) {
      cn_num_text(buf, n, -v->u.binop.lhs->u.num);
      return;
    }
    break;
  case CN_AST_LIST: {
    size_t len = 0;
    buf[0] = '\0';
    for (int i = 0; i < v->u.list.n && len + 1 < n; i++) {
      if (i)
        buf[len++] = ';';
      literal_text(v->u.list.items[i], buf + len, n - len);
      len += strlen(buf + len);
    }
    return;
  }
  default: break;
  }
  buf[0] = '\0';
}

/* The value of a free attribute as text of its column's type; 0 if absent. */
static int attr_text(const cn_attrs *at, const column *col, char *buf,
                     size_t n) {
  const cn_attr *a = cn_attrs_get(at, col->key);
  if (!a)
    return 0;
  literal_text(a->value, buf, n);
  return 1;
}

static void sources_text(const cn_tie *t, char *buf, size_t n) {
  size_t len = 0;
  buf[0] = '\0';
  for (int i = 0; i < cn_tie_nsources(t) && len < n; i++)
    len += (size_t)snprintf(buf + len, n - len, "%s%s", i ? ";" : "",
                            cn_tie_sources(t)[i]->str);
}

static void span_text(char *buf, size_t n, int has, cn_span s) {
  if (!has || (isinf(s.from) && isinf(s.to)))
    buf[0] = '\0';
  else
    cn_span_print(buf, n, s);
}

enum { TXT = 4096 };

/* ---- escaping ---- */

/* NaN and ±Inf as the strings "NaN", "Inf", "-Inf" (number.h) */
static void json_num(FILE *f, double x) {
  char b[CN_NUM_BUF];
  cn_num_json(b, sizeof b, x);
  fputs(b, f);
}

/* A Pajek label: in double quotes; a '"' inside is written &#34; and a line
 * break \n, the two escapes Pajek reads. */
static void pajek_put(FILE *f, const char *s) {
  fputc('"', f);
  for (; *s; s++) {
    if (*s == '"')
      fputs("&#34;", f);
    else if (*s == '\n')
      fputs("\\n", f);
    else if (*s != '\r')
      fputc(*s == '\t' ? ' ' : *s, f);
  }
  fputc('"', f);
}

/* ---- node lives, for spells and time intervals ---- */

typedef struct life {
  int always;  /* no spell: present at every time */
  int n;
  cn_span *spans; /* disjoint, sorted */
} life;

static int cmp_span(const void *a, const void *b) {
  const cn_span *x = a, *y = b;
  return (x->from > y->from) - (x->from < y->from);
}

/* An actor with a span of its own lives in it; one without lives where its
 * ties in the snapshot live (always when one of them does, or when it has
 * none).  lives[v] for every vertex; free with lives_free. */
static life *lives_of(const model *M) {
  int32_t n = M->s->n;
  life *L = cn_xcalloc((size_t)n + 1, sizeof *L);
  int *cap = cn_xcalloc((size_t)n + 1, sizeof *cap);
  for (int32_t v = 0; v < n; v++) {
    const cn_actor *a = vactor(M, v);
    if (a && a->has_span) {
      L[v].spans = cn_xmalloc(sizeof *L[v].spans);
      L[v].spans[0] = a->span;
      L[v].n = 1;
      L[v].always = isinf(a->span.from) && isinf(a->span.to);
      cap[v] = -1; /* fixed */
    }
  }
  for (int64_t i = 0; i < M->s->nties; i++) {
    const cn_tie *t = tie_at(M, i);
    cn_span s = cn_tie_life(M->c, t);
    int32_t ends[2] = {tail_of(M, t), head_of(M, t)};
    for (int e = 0; e < 2; e++) {
      int32_t v = ends[e];
      if (cap[v] < 0 || L[v].always)
        continue;
      if (isinf(s.from) && isinf(s.to)) {
        L[v].always = 1;
        continue;
      }
      if (L[v].n == cap[v]) {
        cap[v] = cap[v] ? cap[v] * 2 : 4;
        L[v].spans = cn_xrealloc(L[v].spans, sizeof *L[v].spans * (size_t)cap[v]);
      }
      L[v].spans[L[v].n++] = s;
    }
  }
  for (int32_t v = 0; v < n; v++) {
    if (cap[v] >= 0 && L[v].n == 0)
      L[v].always = 1; /* no tie in the snapshot */
    if (L[v].always || L[v].n < 2)
      continue;
    qsort(L[v].spans, (size_t)L[v].n, sizeof *L[v].spans, cmp_span);
    int k = 0;
    for (int i = 1; i < L[v].n; i++) {
      if (L[v].spans[i].from <= L[v].spans[k].to) {
        if (L[v].spans[i].to > L[v].spans[k].to)
          L[v].spans[k].to = L[v].spans[i].to;
      } else {
        L[v].spans[++k] = L[v].spans[i];
      }
    }
    L[v].n = k + 1;
    if (isinf(L[v].spans[0].from) && isinf(L[v].spans[0].to))
      L[v].always = 1; /* the ties together cover all time */
  }
  free(cap);
  return L;
}

static void lives_free(life *L, int32_t n) {
  for (int32_t v = 0; v < n; v++)
    free(L[v].spans);
  free(L);
}

/* ---- GraphML ---- */

static void graphml_key(FILE *f, const char *id, const char *for_,
                        const char *name, const char *type) {
  fprintf(f, "  <key id=\"%s\" for=\"%s\" attr.name=\"", id, for_);
  cn_esc_xml(f, name);
  fprintf(f, "\" attr.type=\"%s\"/>\n", type);
}

static void graphml_data(FILE *f, const char *key, const char *text) {
  fprintf(f, "      <data key=\"%s\">", key);
  cn_esc_xml(f, text);
  fputs("</data>\n", f);
}

static void graphml_year(FILE *f, const char *key, double y) {
  char b[CN_NUM_BUF];
  if (!isfinite(y))
    return;
  cn_num_text(b, sizeof b, y);
  graphml_data(f, key, b);
}

static void write_graphml(const model *M, FILE *f) {
  const cn_snapshot *s = M->s;
  char buf[TXT], id[32];
  fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
        "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
        "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
        "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
        f);
  graphml_key(f, "g_case", "graph", "case", "string");
  graphml_key(f, "g_selection", "graph", "selection", "string");
  graphml_key(f, "v_name", "node", "name", "string");
  graphml_key(f, "v_kind", "node", "kind", "string");
  graphml_key(f, "v_span", "node", "span", "string");
  graphml_key(f, "v_start", "node", "start", "double");
  graphml_key(f, "v_end", "node", "end", "double");
  if (M->groups)
    graphml_key(f, "v_members", "node", "members", "string");
  for (int k = 0; k < M->nv; k++) {
    snprintf(id, sizeof id, "v%d", k);
    graphml_key(f, id, "node", M->vcols[k].key, graphml_type[M->vcols[k].type]);
  }
  graphml_key(f, "e_layer", "edge", "layer", "string");
  graphml_key(f, "e_directed", "edge", "directed", "boolean");
  graphml_key(f, "e_weight", "edge", "weight", "double");
  graphml_key(f, "e_span", "edge", "span", "string");
  graphml_key(f, "e_start", "edge", "start", "double");
  graphml_key(f, "e_end", "edge", "end", "double");
  graphml_key(f, "e_sources", "edge", "sources", "string");
  graphml_key(f, "e_transient", "edge", "transient", "boolean");
  for (int k = 0; k < M->ne; k++) {
    snprintf(id, sizeof id, "e%d", k);
    graphml_key(f, id, "edge", M->ecols[k].key, graphml_type[M->ecols[k].type]);
  }
  fprintf(f, "  <graph id=\"G\" edgedefault=\"%s\">\n",
          M->directed ? "directed" : "undirected");
  if (M->title) {
    fputs("    <data key=\"g_case\">", f);
    cn_esc_xml(f, M->title);
    fputs("</data>\n", f);
  }
  fputs("    <data key=\"g_selection\">", f);
  cn_esc_xml(f, M->selection);
  fputs("</data>\n", f);
  for (int32_t v = 0; v < s->n; v++) {
    fprintf(f, "    <node id=\"n%d\">\n", (int)v);
    graphml_data(f, "v_name", vname(M, v));
    graphml_data(f, "v_kind", vkind(M, v));
    const cn_actor *a = vactor(M, v);
    if (a && a->has_span) {
      span_text(buf, sizeof buf, 1, a->span);
      graphml_data(f, "v_span", buf);
      graphml_year(f, "v_start", a->span.from);
      graphml_year(f, "v_end", a->span.to);
    }
    if (vgroup(M, v)) {
      members_text(M, v, buf, sizeof buf);
      graphml_data(f, "v_members", buf);
    }
    for (int k = 0; k < M->nv; k++)
      if (attr_text(vattrs(M, v), &M->vcols[k], buf, sizeof buf)) {
        snprintf(id, sizeof id, "v%d", k);
        graphml_data(f, id, buf);
      }
    fputs("    </node>\n", f);
  }
  for (int64_t i = 0; i < s->nties; i++) {
    const cn_tie *t = tie_at(M, i);
    fprintf(f, "    <edge id=\"e%lld\" source=\"n%d\" target=\"n%d\">\n",
            (long long)i, (int)tail_of(M, t), (int)head_of(M, t));
    graphml_data(f, "e_layer", layer_name(M, t));
    graphml_data(f, "e_directed", t->directed ? "true" : "false");
    cn_num_text(buf, sizeof buf, cn_tie_weight(t));
    graphml_data(f, "e_weight", buf);
    if (t->has_span) {
      span_text(buf, sizeof buf, 1, cn_tie_span(t));
      graphml_data(f, "e_span", buf);
      graphml_year(f, "e_start", cn_tie_span(t).from);
      graphml_year(f, "e_end", cn_tie_span(t).to);
    }
    if (cn_tie_nsources(t)) {
      sources_text(t, buf, sizeof buf);
      graphml_data(f, "e_sources", buf);
    }
    graphml_data(f, "e_transient", t->transient ? "true" : "false");
    for (int k = 0; k < M->ne; k++)
      if (attr_text(cn_tie_attrs(t), &M->ecols[k], buf, sizeof buf)) {
        snprintf(id, sizeof id, "e%d", k);
        graphml_data(f, id, buf);
      }
    fputs("    </edge>\n", f);
  }
  fputs("  </graph>\n</graphml>\n", f);
}

/* ---- GEXF 1.2draft ---- */

/* A spell's bound, timeformat "double".  An open end is written -INF or
 * INF (xsd:double) rather than left out: GEXF allows leaving it out, but
 * NetworkX's read_gexf then fails, while Gephi reads INF as open and
 * Python's float() reads it as infinite. */
static void gexf_time(FILE *f, const char *attr, double y) {
  char b[CN_NUM_BUF];
  if (isinf(y))
    snprintf(b, sizeof b, "%s", y < 0 ? "-INF" : "INF");
  else
    cn_num_text(b, sizeof b, y);
  fprintf(f, " %s=\"%s\"", attr, b);
}

static void gexf_spells(FILE *f, const cn_span *sp, int n) {
  fputs("        <spells>\n", f);
  for (int i = 0; i < n; i++) {
    fputs("          <spell", f);
    gexf_time(f, "start", sp[i].from);
    gexf_time(f, "end", sp[i].to);
    fputs("/>\n", f);
  }
  fputs("        </spells>\n", f);
}

static void gexf_attvalue(FILE *f, const char *id, const char *text) {
  fprintf(f, "          <attvalue for=\"%s\" value=\"", id);
  cn_esc_xml(f, text);
  fputs("\"/>\n", f);
}

static void write_gexf(const model *M, FILE *f) {
  const cn_snapshot *s = M->s;
  char buf[TXT], id[32];
  life *L = lives_of(M);
  fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<gexf xmlns=\"http://www.gexf.net/1.2draft\"\n"
        "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
        "    xsi:schemaLocation=\"http://www.gexf.net/1.2draft "
        "http://www.gexf.net/1.2draft/gexf.xsd\"\n"
        "    version=\"1.2\">\n"
        "  <meta>\n    <creator>cnet</creator>\n    <description>",
        f);
  if (M->title) {
    cn_esc_xml(f, M->title);
    fputs(": ", f);
  }
  cn_esc_xml(f, M->selection);
  fputs("</description>\n  </meta>\n", f);
  fprintf(f, "  <graph mode=\"dynamic\" defaultedgetype=\"%s\" "
             "timeformat=\"double\">\n",
          M->directed ? "directed" : "undirected");
  fputs("    <attributes class=\"node\" mode=\"static\">\n"
        "      <attribute id=\"kind\" title=\"kind\" type=\"string\"/>\n"
        "      <attribute id=\"span\" title=\"span\" type=\"string\"/>\n",
        f);
  if (M->groups)
    fputs("      <attribute id=\"members\" title=\"members\" "
          "type=\"string\"/>\n", f);
  for (int k = 0; k < M->nv; k++) {
    fprintf(f, "      <attribute id=\"v%d\" title=\"", k);
    cn_esc_xml(f, M->vcols[k].key);
    fprintf(f, "\" type=\"%s\"/>\n", gexf_type[M->vcols[k].type]);
  }
  fputs("    </attributes>\n"
        "    <attributes class=\"edge\" mode=\"static\">\n"
        "      <attribute id=\"layer\" title=\"layer\" type=\"string\"/>\n"
        "      <attribute id=\"directed\" title=\"directed\" "
        "type=\"boolean\"/>\n"
        "      <attribute id=\"span\" title=\"span\" type=\"string\"/>\n"
        "      <attribute id=\"sources\" title=\"sources\" type=\"string\"/>\n"
        "      <attribute id=\"transient\" title=\"transient\" "
        "type=\"boolean\"/>\n",
        f);
  for (int k = 0; k < M->ne; k++) {
    fprintf(f, "      <attribute id=\"e%d\" title=\"", k);
    cn_esc_xml(f, M->ecols[k].key);
    fprintf(f, "\" type=\"%s\"/>\n", gexf_type[M->ecols[k].type]);
  }
  fputs("    </attributes>\n    <nodes>\n", f);
  for (int32_t v = 0; v < s->n; v++) {
    const cn_attrs *at = vattrs(M, v);
    const cn_attr *label = cn_attrs_get(at, "label");
    fputs("      <node id=\"", f);
    cn_esc_xml(f, vname(M, v));
    fputs("\" label=\"", f);
    if (label) {
      literal_text(label->value, buf, sizeof buf);
      cn_esc_xml(f, buf);
    } else {
      cn_esc_xml(f, vname(M, v));
    }
    fputs("\">\n        <attvalues>\n", f);
    gexf_attvalue(f, "kind", vkind(M, v));
    const cn_actor *a = vactor(M, v);
    if (a && a->has_span) {
      span_text(buf, sizeof buf, 1, a->span);
      gexf_attvalue(f, "span", buf);
    }
    if (vgroup(M, v)) {
      members_text(M, v, buf, sizeof buf);
      gexf_attvalue(f, "members", buf);
    }
    for (int k = 0; k < M->nv; k++)
      if (strcmp(M->vcols[k].key, "label") != 0 &&
          attr_text(at, &M->vcols[k], buf, sizeof buf)) {
        snprintf(id, sizeof id, "v%d", k);
        gexf_attvalue(f, id, buf);
      }
    fputs("        </attvalues>\n", f);
    if (!L[v].always)
      gexf_spells(f, L[v].spans, L[v].n);
    fputs("      </node>\n", f);
  }
  fputs("    </nodes>\n    <edges>\n", f);
  for (int64_t i = 0; i < s->nties; i++) {
    const cn_tie *t = tie_at(M, i);
    fprintf(f, "      <edge id=\"%lld\" source=\"", (long long)i);
    cn_esc_xml(f, vname(M, tail_of(M, t)));
    fputs("\" target=\"", f);
    cn_esc_xml(f, vname(M, head_of(M, t)));
    cn_num_text(buf, sizeof buf, cn_tie_weight(t));
    fprintf(f, "\" weight=\"%s\"", buf);
    if (t->layer >= 0) {
      fputs(" label=\"", f);
      cn_esc_xml(f, layer_name(M, t));
      fputs("\"", f);
    }
    fputs(">\n        <attvalues>\n", f);
    gexf_attvalue(f, "layer", layer_name(M, t));
    gexf_attvalue(f, "directed", t->directed ? "true" : "false");
    if (t->has_span) {
      span_text(buf, sizeof buf, 1, cn_tie_span(t));
      gexf_attvalue(f, "span", buf);
    }
    if (cn_tie_nsources(t)) {
      sources_text(t, buf, sizeof buf);
      gexf_attvalue(f, "sources", buf);
    }
    gexf_attvalue(f, "transient", t->transient ? "true" : "false");
    for (int k = 0; k < M->ne; k++)
      if (attr_text(cn_tie_attrs(t), &M->ecols[k], buf, sizeof buf)) {
        snprintf(id, sizeof id, "e%d", k);
        gexf_attvalue(f, id, buf);
      }
    fputs("        </attvalues>\n", f);
    cn_span tl = cn_tie_life(M->c, t);
    if (!(isinf(tl.from) && isinf(tl.to)))
      gexf_spells(f, &tl, 1);
    fputs("      </edge>\n", f);
  }
  fputs("    </edges>\n  </graph>\n</gexf>\n", f);
  lives_free(L, s->n);
}

/* ---- Pajek ---- */

/* Pajek's time intervals: [1980-1990], [1980-*].  Pajek counts time in
 * whole points from 1 and has no open start, so an open start becomes the
 * first year the case mentions; when a year is not a whole number ≥ 1 the
 * intervals are left out.  Returns that first year, or 0 for none. */
static double pajek_first_year(const model *M, const life *L) {
  const cn_case *c = M->c;
  double t0 = INFINITY;
#define SEE(y) do { if (isfinite(y) && (y) < t0) t0 = (y); } while (0)
  for (size_t i = 0; i < c->actors.n; i++)
    if (c->actors.items[i].has_span) {
      SEE(c->actors.items[i].span.from);
      SEE(c->actors.items[i].span.to);
    }
  for (size_t i = 0; i < c->ties.n; i++) {
    SEE(cn_tie_span(&c->ties.items[i]).from);
    SEE(cn_tie_span(&c->ties.items[i]).to);
  }
  for (size_t i = 0; i < c->stages.n; i++) {
    SEE(c->stages.items[i].span.from);
    SEE(c->stages.items[i].span.to);
  }
#undef SEE
  if (!M->integral || !isfinite(t0) || t0 < 1 || t0 != floor(t0))
    return 0;
  for (int32_t v = 0; v < M->s->n; v++)
    for (int i = 0; !L[v].always && i < L[v].n; i++)
      if (isfinite(L[v].spans[i].to) && L[v].spans[i].to != floor(L[v].spans[i].to))
        return 0;
  return t0;
}

static void pajek_interval(FILE *f, const cn_span *sp, int n, double t0) {
  char b[CN_NUM_BUF];
  fputs(" [", f);
  for (int i = 0; i < n; i++) {
    cn_num_text(b, sizeof b, isinf(sp[i].from) ? t0 : sp[i].from);
    fprintf(f, "%s%s-", i ? "," : "", b);
    cn_num_text(b, sizeof b, sp[i].to);
    fputs(isinf(sp[i].to) ? "*" : b, f);
  }
  fputc(']', f);
}

enum { ANY_LAYER = -2 };

/* One *Arcs or *Edges section: the ties of that direction, of one layer or
 * of any.  A line is "tail head weight", then the Pajek dialect's time
 * interval (times) or the portable form's line label, the layer (l "…"). */
static void pajek_section(const model *M, FILE *f, int directed, int32_t layer,
                          double t0) {
  char buf[CN_NUM_BUF];
  int own = layer != ANY_LAYER, any = 0;
  for (int64_t i = 0; i < M->s->nties && !any; i++) {
    const cn_tie *t = tie_at(M, i);
    any = t->directed == directed && (!own || t->layer == layer);
  }
  if (!any)
    return;
  fputs(directed ? "*Arcs" : "*Edges", f);
  if (own) {
    fprintf(f, " :%d ", layer >= 0 ? layer + 1 : 1);
    pajek_put(f, layer >= 0 ? M->c->layers.items[layer].name->str : "ties");
  }
  fputc('\n', f);
  for (int64_t i = 0; i < M->s->nties; i++) {
    const cn_tie *t = tie_at(M, i);
    if (t->directed != directed || (own && t->layer != layer))
      continue;
    cn_num_text(buf, sizeof buf, cn_tie_weight(t));
    fprintf(f, "%d %d %s", (int)tail_of(M, t) + 1, (int)head_of(M, t) + 1,
            buf);
    cn_span tl = cn_tie_life(M->c, t);
    if (own && t0 > 0 && !(isinf(tl.from) && isinf(tl.to)))
      pajek_interval(f, &tl, 1, t0);
    if (!own && t->layer >= 0) {
      fputs(" l ", f);
      pajek_put(f, layer_name(M, t));
    }
    fputc('\n', f);
  }
}

/* The portable form (igraph, NetworkX and Pajek read it): UTF-8, the
 * directed ties under *Arcs, the others under *Edges, each line labelled
 * with its layer.  The Pajek dialect (own): a BOM, without which Pajek
 * reads no UTF-8; one *Arcs and one *Edges section per layer, numbered as
 * declared (*Arcs :1 "交易"); time intervals. */
static void write_pajek(const model *M, FILE *f, int own) {
  const cn_snapshot *s = M->s;
  life *L = own ? lives_of(M) : NULL;
  double t0 = own ? pajek_first_year(M, L) : 0;
  if (own)
    fputs("\xEF\xBB\xBF", f);
  fputs("*Network ", f);
  for (const char *p = M->title ? M->title : "cnet"; *p; p++)
    fputc((unsigned char)*p < 0x20 ? ' ' : *p, f); /* the rest of the line */
  fprintf(f, "\n*Vertices %d\n", (int)s->n);
  for (int32_t v = 0; v < s->n; v++) {
    fprintf(f, "%d ", (int)v + 1);
    pajek_put(f, vname(M, v));
    if (t0 > 0 && !L[v].always)
      pajek_interval(f, L[v].spans, L[v].n, t0);
    fputc('\n', f);
  }
  if (!own) {
    pajek_section(M, f, 1, ANY_LAYER, 0);
    pajek_section(M, f, 0, ANY_LAYER, 0);
    return;
  }
  int nl = M->c->layers.n ? (int)M->c->layers.n : 1;
  for (int l = 0; l < nl; l++)
    for (int directed = 1; directed >= 0; directed--)
      pajek_section(M, f, directed, M->c->layers.n ? l : -1, t0);
  lives_free(L, s->n);
}

/* ---- UCINET DL ---- */

typedef struct dl_cell {
  int32_t u, v;
  double w;
} dl_cell;

static int cmp_cell(const void *a, const void *b) {
  const dl_cell *x = a, *y = b;
  if (x->u != y->u)
    return x->u < y->u ? -1 : 1;
  return (x->v > y->v) - (x->v < y->v);
}

/* One matrix: the layers of the snapshot together, each ordered pair's
 * weights summed, an undirected tie entered both ways (UCINET's DL has
 * several matrices in one file, but not every reader of DL edge lists
 * does; export(layer=…) gives one layer). */
static void write_dl(const model *M, FILE *f, FILE *key) {
  const cn_snapshot *s = M->s;
  fprintf(f, "DL n=%d\nformat = edgelist1\nlabels:\n", (int)s->n);
  for (int32_t v = 0; v < s->n; v++)
    fprintf(f, "%sa%d", v ? (v % 10 ? "," : ",\n") : "", (int)v + 1);
  fputs("\ndata:\n", f);
  dl_cell *cells = cn_xmalloc(sizeof *cells * (size_t)(2 * s->nties + 1));
  size_t n = 0;
  for (int64_t i = 0; i < s->nties; i++) {
    const cn_tie *t = tie_at(M, i);
    int32_t u = tail_of(M, t), v = head_of(M, t);
    cells[n++] = (dl_cell){u, v, cn_tie_weight(t)};
    if (!t->directed)
      cells[n++] = (dl_cell){v, u, cn_tie_weight(t)};
  }
  qsort(cells, n, sizeof *cells, cmp_cell);
  for (size_t i = 0; i < n;) {
    size_t j = i;
    double w = 0;
    while (j < n && cells[j].u == cells[i].u && cells[j].v == cells[i].v)
      w += cells[j++].w;
    char b[CN_NUM_BUF];
    cn_num_text(b, sizeof b, w);
    fprintf(f, "%d %d %s\n", (int)cells[i].u + 1, (int)cells[i].v + 1, b);
    i = j;
  }
  free(cells);
  /* the key: ASCII labels to the real names, UTF-8 with BOM */
  fputs("\xEF\xBB\xBFlabel,name,kind\r\n", key);
  for (int32_t v = 0; v < s->n; v++) {
    fprintf(key, "a%d,", (int)v + 1);
    cn_esc_csv_sheet(key, vname(M, v));
    fputc(',', key);
    cn_esc_csv_sheet(key, vgroup(M, v) ? "group" : vkind(M, v));
    fputs("\r\n", key);
  }
}

/* ---- CSV ---- */

static void write_csv(const model *M, FILE *ties, FILE *actors) {
  const cn_snapshot *s = M->s;
  char buf[TXT];
  fputs("\xEF\xBB\xBF" "from,to,layer,directed,span,weight,source,transient",
        ties);
  for (int k = 0; k < M->ne; k++) {
    fputc(',', ties);
    cn_esc_csv_sheet(ties, M->ecols[k].key);
  }
  fputs("\r\n", ties);
  for (int64_t i = 0; i < s->nties; i++) {
    const cn_tie *t = tie_at(M, i);
    cn_esc_csv_sheet(ties, vname(M, tail_of(M, t)));
    fputc(',', ties);
    cn_esc_csv_sheet(ties, vname(M, head_of(M, t)));
    fputc(',', ties);
    cn_esc_csv_sheet(ties, layer_name(M, t));
    fputs(t->directed ? ",true," : ",false,", ties);
    span_text(buf, sizeof buf, t->has_span, cn_tie_span(t));
    cn_esc_csv_sheet(ties, buf);
    cn_num_text(buf, sizeof buf, cn_tie_weight(t));
    fprintf(ties, ",%s,", buf);
    sources_text(t, buf, sizeof buf);
    cn_esc_csv_sheet(ties, buf);
    fputs(t->transient ? ",true" : ",false", ties);
    for (int k = 0; k < M->ne; k++) {
      fputc(',', ties);
      if (attr_text(cn_tie_attrs(t), &M->ecols[k], buf, sizeof buf))
        cn_esc_csv_sheet(ties, buf);
    }
    fputs("\r\n", ties);
  }
  fputs("\xEF\xBB\xBF" "name,kind,span", actors);
  if (M->groups)
    fputs(",members", actors);
  for (int k = 0; k < M->nv; k++) {
    fputc(',', actors);
    cn_esc_csv_sheet(actors, M->vcols[k].key);
  }
  fputs("\r\n", actors);
  for (int32_t v = 0; v < s->n; v++) {
    cn_esc_csv_sheet(actors, vname(M, v));
    fputc(',', actors);
    cn_esc_csv_sheet(actors, vkind(M, v));
    fputc(',', actors);
    const cn_actor *a = vactor(M, v);
    span_text(buf, sizeof buf, a && a->has_span, a ? a->span : (cn_span){0, 0});
    cn_esc_csv_sheet(actors, buf);
    if (M->groups) {
      fputc(',', actors);
      members_text(M, v, buf, sizeof buf);
      cn_esc_csv_sheet(actors, buf);
    }
    for (int k = 0; k < M->nv; k++) {
      fputc(',', actors);
      if (attr_text(vattrs(M, v), &M->vcols[k], buf, sizeof buf))
        cn_esc_csv_sheet(actors, buf);
    }
    fputs("\r\n", actors);
  }
}

/* ---- node-link JSON ---- */

static void json_attr(FILE *f, const char *key, const cn_attrs *at,
                      const column *col, char *buf) {
  const cn_attr *a = cn_attrs_get(at, col->key);
  if (!a)
    return;
  fputs(", ", f);
  cn_esc_json(f, key);
  fputs(": ", f);
  const cn_ast *v = a->value;
  if (col->type == T_INT || col->type == T_DOUBLE) {
    double x = v->kind == CN_AST_NUM ? v->u.num : -v->u.binop.lhs->u.num;
    json_num(f, x);
  } else if (col->type == T_BOOL) {
    fputs(v->u.boolean ? "true" : "false", f);
  } else {
    literal_text(v, buf, TXT);
    cn_esc_json(f, buf);
  }
}

static void json_span(FILE *f, int has, cn_span s, char *buf) {
  span_text(buf, TXT, has, s);
  fputs(", \"span\": ", f);
  if (buf[0])
    cn_esc_json(f, buf);
  else
    fputs("null", f);
  fputs(", \"start\": ", f);
  json_num(f, has ? s.from : -INFINITY);
  fputs(", \"end\": ", f);
  json_num(f, has ? s.to : INFINITY);
}

static void write_json(const model *M, FILE *f) {
  const cn_snapshot *s = M->s;
  char buf[TXT];
  fprintf(f, "{\"directed\": %s, \"multigraph\": true, \"graph\": {",
          M->directed ? "true" : "false");
  fputs("\"name\": ", f);
  cn_esc_json(f, M->title ? M->title : "");
  fputs(", \"selection\": ", f);
  cn_esc_json(f, M->selection);
  fputs("},\n \"nodes\": [", f);
  for (int32_t v = 0; v < s->n; v++) {
    fputs(v ? ",\n  {\"id\": " : "\n  {\"id\": ", f);
    cn_esc_json(f, vname(M, v));
    fputs(", \"kind\": ", f);
    cn_esc_json(f, vkind(M, v));
    const cn_actor *a = vactor(M, v);
    json_span(f, a && a->has_span, a ? a->span : (cn_span){0, 0}, buf);
    if (vgroup(M, v)) {
      members_text(M, v, buf, sizeof buf);
      fputs(", \"members\": ", f);
      cn_esc_json(f, buf);
    }
    for (int k = 0; k < M->nv; k++)
      json_attr(f, M->vcols[k].key, vattrs(M, v), &M->vcols[k], buf);
    fputc('}', f);
  }
  fputs("],\n \"links\": [", f);
  for (int64_t i = 0; i < s->nties; i++) {
    const cn_tie *t = tie_at(M, i);
    fputs(i ? ",\n  {\"source\": " : "\n  {\"source\": ", f);
    cn_esc_json(f, vname(M, tail_of(M, t)));
    fputs(", \"target\": ", f);
    cn_esc_json(f, vname(M, head_of(M, t)));
    fprintf(f, ", \"key\": %lld, \"layer\": ", (long long)i);
    cn_esc_json(f, layer_name(M, t));
    fprintf(f, ", \"directed\": %s, \"weight\": ",
            t->directed ? "true" : "false");
    json_num(f, cn_tie_weight(t));
    json_span(f, t->has_span, cn_tie_span(t), buf);
    fputs(", \"sources\": [", f);
    for (int k = 0; k < cn_tie_nsources(t); k++) {
      if (k)
        fputs(", ", f);
      cn_esc_json(f, cn_tie_sources(t)[k]->str);
    }
    fprintf(f, "], \"transient\": %s", t->transient ? "true" : "false");
    for (int k = 0; k < M->ne; k++)
      json_attr(f, M->ecols[k].key, cn_tie_attrs(t), &M->ecols[k], buf);
    fputc('}', f);
  }
  fputs("]}\n", f);
}

/* ---- entry points ---- */

static int ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  if (n < k)
    return 0;
  for (size_t i = 0; i < k; i++) {
    char a = s[n - k + i];
    if (a >= 'A' && a <= 'Z')
      a = (char)(a - 'A' + 'a');
    if (a != suffix[i])
      return 0;
  }
  return 1;
}

cn_export_format cn_export_format_of(const char *path) {
  static const struct { const char *ext; cn_export_format fmt; } t[] = {
      {".graphml", CN_EXPORT_GRAPHML}, {".gexf", CN_EXPORT_GEXF},
      {".net", CN_EXPORT_PAJEK},       {".dl", CN_EXPORT_DL},
      {".csv", CN_EXPORT_CSV},         {".json", CN_EXPORT_JSON}};
  for (size_t i = 0; i < sizeof t / sizeof *t; i++)
    if (ends_with(path, t[i].ext) && strlen(path) > strlen(t[i].ext))
      return t[i].fmt;
  return CN_EXPORT_NONE;
}

char *cn_export_companion(const char *path, cn_export_format fmt) {
  const char *suffix = fmt == CN_EXPORT_CSV  ? "-actors.csv"
                       : fmt == CN_EXPORT_DL ? "-key.csv"
                                             : NULL;
  if (!suffix)
    return NULL;
  const char *dot = strrchr(path, '.');
  size_t stem = (size_t)(dot - path);
  char *p = cn_xmalloc(stem + strlen(suffix) + 1);
  memcpy(p, path, stem);
  strcpy(p + stem, suffix);
  return p;
}

int cn_export_write(const cn_snapshot *s, const char *path,
                    cn_export_format fmt, int flags, const char *title,
                    const char *selection, char *why, size_t nwhy) {
  model M;
  model_init(&M, s, title, selection);
  char *second = cn_export_companion(path, fmt);
  cn_out *o = cn_out_new();
  int rc = 0;
  const cn_out_file *a = cn_out_add(o, path, 0, &rc, why, nwhy), *b = NULL;
  if (a && second)
    b = cn_out_add(o, second, 0, &rc, why, nwhy);
  if (rc != 0) {
    cn_out_abort(o);
  } else {
    switch (fmt) {
    case CN_EXPORT_GRAPHML: write_graphml(&M, a->f); break;
    case CN_EXPORT_GEXF: write_gexf(&M, a->f); break;
    case CN_EXPORT_PAJEK:
      write_pajek(&M, a->f, flags & CN_EXPORT_PAJEK_OWN);
      break;
    case CN_EXPORT_DL: write_dl(&M, a->f, b->f); break;
    case CN_EXPORT_CSV: write_csv(&M, a->f, b->f); break;
    case CN_EXPORT_JSON: write_json(&M, a->f); break;
    default: break;
    }
    rc = cn_out_commit(o, why, nwhy); /* both files complete, or neither */
  }
  free(second);
  model_free(&M);
  return rc;
}
