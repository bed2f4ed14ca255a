/* arena.h — bump allocator owning everything whose lifetime is one script
 * (AST, interned names, literals) or one REPL input. */
#ifndef CN_ARENA_H
#define CN_ARENA_H

#include <stddef.h>
#include <stdio.h>

typedef struct cn_arena_block cn_arena_block;
typedef struct cn_arena_defer cn_arena_defer_t;

typedef struct cn_arena {
  cn_arena_block *head;      /* newest block first */
  cn_arena_defer_t *defers;  /* cleanups, run newest first */
  size_t used;               /* bytes handed out, for statistics */
} cn_arena;

/// Initialise an empty arena (no allocation until first use).
void cn_arena_init(cn_arena *a);
/// Memory aligned for any object, zero-filled; never NULL (exits on OOM).
void *cn_arena_alloc(cn_arena *a, size_t size);
/// Copy of s[0..len) plus a terminating NUL, owned by the arena.
char *cn_arena_strndup(cn_arena *a, const char *s, size_t len);
char *cn_arena_strdup(cn_arena *a, const char *s);
/// printf into arena memory.
char *cn_arena_printf(cn_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/// Run fn(ptr) when the arena is freed (reverse order of registration).
void cn_arena_defer(cn_arena *a, void (*fn)(void *), void *ptr);
/// Run the cleanups and release every block; the arena is empty again.
void cn_arena_free(cn_arena *a);
/// Like cn_arena_free, but keep one block for reuse (a per-statement arena).
void cn_arena_reset(cn_arena *a);
/// Move every block and cleanup of `from` into `to`; `from` becomes empty.
void cn_arena_adopt(cn_arena *to, cn_arena *from);

/* Allocation helpers for memory outside arenas: print one line and exit(70)
 * when the system has no memory left. */
void *cn_xmalloc(size_t size);
void *cn_xcalloc(size_t n, size_t size);
void *cn_xrealloc(void *p, size_t size);
char *cn_xstrdup(const char *s);
/// Print that `size` bytes could not be had, and exit(70).
_Noreturn void cn_out_of_memory(size_t size);
/// Who says where the program was when memory ran out (the evaluator: the
/// statement running); it prints the start of the line, up to "error: ".
void cn_out_of_memory_where(void (*where)(FILE *));
/// Grow a heap vector so that it holds at least `need` items of `item` bytes.
void *cn_xgrow(void *p, size_t *cap, size_t need, size_t item);

#endif
