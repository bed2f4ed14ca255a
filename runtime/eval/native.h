/* native.h — built-in functions described by records: their arguments
 * (name, type, default, positional or named, required), whether they take
 * a selection, and a one-line doc.  Everything said about a built-in's
 * arguments is generated from these: the signature shown by :help, the
 * reference and the hints, REPL completion, and the checks of a call's
 * arguments. */
#ifndef CN_NATIVE_H
#define CN_NATIVE_H

#include <stddef.h>

/* What an argument takes (for completion of its value, and the docs). */
typedef enum cn_arg_type {
  CN_A_ANY,    /* any value */
  CN_A_NUMBER,
  CN_A_BOOL,
  CN_A_WORD,   /* one of the words in `values` */
  CN_A_TEXT,   /* a string */
  CN_A_FILE,   /* a file name */
  CN_A_ACTOR,  /* an actor (or a collapsed group) */
  CN_A_ACTORS, /* an actor or a list of them */
  CN_A_STAGE,
  CN_A_LIST,   /* a list or a table */
  CN_A_COLUMN  /* a column name of a table */
} cn_arg_type;

/* How an argument is given (flags). */
enum {
  CN_P_POS = 1,      /* by position */
  CN_P_NAMED = 2,    /* by name (with CN_P_POS: either way) */
  CN_P_REQUIRED = 4, /* must be given */
  CN_P_ANYNAME = 8   /* named, and `name` is a placeholder: any name goes
                        (where(table, COLUMN=value, …)) */
};

/* One argument of a built-in. */
typedef struct cn_param {
  const char *name;
  cn_arg_type type;
  const char *def;    /* the default as it is written, or NULL */
  const char *values; /* other values it takes, as the signature shows them
                         ("\"in\"|\"out\"", "[actors]"), or NULL */
  unsigned how;       /* CN_P_… */
} cn_param;

struct cn_native; /* eval.h: name, params, sel, doc, fn */

/* For the tables of stdlib/: CN_ARGS(CN_POS(…), CN_KEY(…), …). */
#define CN_ARGS(...) ((const cn_param[]){__VA_ARGS__, {NULL, CN_A_ANY, NULL, NULL, 0}})
#define CN_POS(name, type) {name, type, NULL, NULL, CN_P_POS | CN_P_REQUIRED}
#define CN_OPT(name, type) {name, type, NULL, NULL, CN_P_POS}
#define CN_KEY(name, type, def, values) {name, type, def, values, CN_P_NAMED}

/// The signature of a built-in without its name — "(actor?, sel…, mode=\"all\")"
/// — into buf (cut to n bytes); returns buf.
char *cn_native_signature(const struct cn_native *f, char *buf, size_t n);
/// The argument of f that can be given by the name `key`, or NULL.
const cn_param *cn_native_param(const struct cn_native *f, const char *key);
/// How many positional arguments f takes: at least *lo, at most the result.
int cn_native_positional(const struct cn_native *f, int *lo);

#endif
