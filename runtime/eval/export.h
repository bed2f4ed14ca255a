/* export.h — a snapshot written for other tools: GraphML, GEXF 1.2draft, Pajek,
 * UCINET DL, CSV tables and node-link JSON, the format chosen by the
 * extension.  Every file goes to a temporary name beside its target and is
 * renamed into place only when complete. */
#ifndef CN_EXPORT_H
#define CN_EXPORT_H

#include <stddef.h>

#include "snapshot.h"

typedef enum cn_export_format {
  CN_EXPORT_NONE,
  CN_EXPORT_GRAPHML,
  CN_EXPORT_GEXF,
  CN_EXPORT_PAJEK,
  CN_EXPORT_DL,
  CN_EXPORT_CSV,
  CN_EXPORT_JSON
} cn_export_format;

/// The format of a path's extension (case-insensitive), or CN_EXPORT_NONE.
cn_export_format cn_export_format_of(const char *path);

/// The second file a format writes beside `path` (CSV: the actors table
/// NAME-actors.csv; DL: the label key NAME-key.csv), or NULL for formats of
/// one file.  Heap memory: the caller frees it.
char *cn_export_companion(const char *path, cn_export_format fmt);

/// Flags of cn_export_write.
enum {
  /// Pajek: the Pajek program's own dialect (a BOM, one section per layer,
  /// time intervals) instead of the form igraph and NetworkX read too.
  CN_EXPORT_PAJEK_OWN = 1
};

/// Write snapshot s to path in format fmt (flags: CN_EXPORT_…).  `title`
/// names the case (may be NULL), `selection` describes the selection.
/// Returns 0, or CN_OUT_FAILED or CN_OUT_REFUSED (--no-write; atomic.h)
/// with a message in why[0..nwhy) and no file changed.
int cn_export_write(const cn_snapshot *s, const char *path,
                    cn_export_format fmt, int flags, const char *title,
                    const char *selection, char *why, size_t nwhy);

#endif
