/* number.h — the one way cnet writes a number as text.  Every number that
 * goes to a file or to csv/tsv/json output, every year of a span and every
 * number :save and --fmt print is written here, so that it reads back
 * (strtod, Python's float, R's as.numeric) as the very same double:
 *
 *   - an integer below 10^16 in magnitude in full: 1970, -3, 12345678901234;
 *   - any other finite number with the fewest significant digits (1 to 17)
 *     that read back exactly: 2000.125, 0.30000000000000004, 1999.9999999999998;
 *     as printf's %g puts them: below 0.0001, and for integers from 10^16
 *     on, in exponent form where that is shorter, the exponent without '+'
 *     or leading zeros: 1e-7, 1.5e21;
 *   - NaN, Inf and -Inf for the values that are not finite (R's spelling;
 *     strtod, Python and R read them).
 *
 * Human tables show measures to a fixed number of decimals instead
 * (cn_num_fixed); JSON writes the values that are not finite as the strings
 * "NaN", "Inf" and "-Inf" (cn_num_json), the convention of R's jsonlite. */
#ifndef CN_NUMBER_H
#define CN_NUMBER_H

#include <stddef.h>

/// Room for any text of cn_num_text, cn_num_fixed (up to 17 decimals) and
/// cn_num_json, with its NUL.
enum { CN_NUM_BUF = 48, CN_YEARS_BUF = 2 * CN_NUM_BUF + 8 };

/// x as the shortest text that reads back as the same double (see above).
/// Returns the length written.
size_t cn_num_text(char *buf, size_t n, double x);
/// x rounded to `decimals` places for reading (tables): integers and
/// magnitudes of 10^16 and more as cn_num_text does.
size_t cn_num_fixed(char *buf, size_t n, double x, int decimals);
/// x as a JSON value: a number as cn_num_text, or "NaN", "Inf", "-Inf" as
/// JSON strings (with their quotes).
size_t cn_num_json(char *buf, size_t n, double x);
/// The years of a span: 1980..2002, 1980.., ..1990 or 1997 when both ends
/// are equal; "" for all time (both ends infinite).
size_t cn_years_text(char *buf, size_t n, double from, double to);

#endif
