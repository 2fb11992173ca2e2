#ifndef KAOWU_JPEG_ROWS_H
#define KAOWU_JPEG_ROWS_H

#include <stddef.h>

/// What `kaowu_jpeg_decode_top_rows` found.
typedef enum {
    KAOWU_JPEG_ROWS_OK = 0,
    /// Truncated or damaged (any libjpeg warning counts); `message` says why.
    KAOWU_JPEG_ROWS_CORRUPT = 1,
    /// CMYK or YCCK: refused, not decoded.
    KAOWU_JPEG_ROWS_CMYK = 2,
    /// More than `max_pixels` pixels by the header: refused, not decoded.
    KAOWU_JPEG_ROWS_TOO_MANY_PIXELS = 3,
} kaowu_jpeg_rows_status;

/// Colour models as the header states them.
typedef enum {
    KAOWU_JPEG_ROWS_COLOR = 0,
    KAOWU_JPEG_ROWS_GRAY = 1,
    KAOWU_JPEG_ROWS_CMYK_MODEL = 2,
} kaowu_jpeg_rows_model;

typedef struct {
    /// The photo's real size, from the header (set whenever the header could be read).
    int width, height;
    kaowu_jpeg_rows_model model;
    /// The whole image's size at the chosen scale, and how many of its top rows `pixels` holds.
    int scaled_width, scaled_height, rows;
    /// RGBA, `rows * scaled_width * 4` bytes, malloc'ed; NULL unless the status is OK.
    /// The caller frees it.
    unsigned char *pixels;
    /// libjpeg's words when the status is CORRUPT.
    char message[200];
} kaowu_jpeg_rows_result;

/// Decodes only the top rows of a JPEG, down to `top_share` (0...1] of its height, at the
/// smallest scale (1/8 to 1/1) that keeps the width at least `minimum_width` (or the photo's
/// own width when narrower). Decoding stops there: the entropy data below is never read.
///
/// A file without an EOI marker after its first scan is CORRUPT (a truncated copy), and so is
/// any file libjpeg warns about in the part it decodes. Damage to the entropy data below the
/// rows decoded goes unnoticed. A progressive JPEG needs all its scans for any row, so it is
/// decoded in full, and refused past 500 scans as TurboJPEG's TJFLAG_LIMITSCANS does.
/// Never longjmps out: libjpeg's errors come back as CORRUPT.
kaowu_jpeg_rows_status kaowu_jpeg_decode_top_rows(
    const unsigned char *data, size_t size, int minimum_width, long long max_pixels,
    double top_share, kaowu_jpeg_rows_result *result);

#endif
