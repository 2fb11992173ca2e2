// libjpeg's scanline API reports errors by longjmp, which Swift cannot catch, so the whole
// decode lives here, behind one setjmp.
#include "jpeg_rows.h"

#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>

typedef struct {
    struct jpeg_error_mgr base;
    jmp_buf escape;
    char *message;
} error_manager;

static void fail(j_common_ptr cinfo) {
    error_manager *errors = (error_manager *)cinfo->err;
    (*cinfo->err->format_message)(cinfo, errors->message);
    longjmp(errors->escape, 1);
}

// Warnings are corrupt data (a truncated scan, a bad Huffman code): fail, as TurboJPEG's
// TJFLAG_STOPONWARNING does, rather than return a photo with a grey part. Trace messages
// (level > 0) are ignored.
static void emit_message(j_common_ptr cinfo, int msg_level) {
    if (msg_level < 0) fail(cinfo);
}

// TurboJPEG's TJFLAG_LIMITSCANS: a progressive JPEG with thousands of tiny scans costs
// minutes of CPU, and no camera or editor writes more than a dozen.
static void limit_scans(j_common_ptr cinfo) {
    if (!cinfo->is_decompressor) return;
    if (((j_decompress_ptr)cinfo)->input_scan_number > 500) {
        error_manager *errors = (error_manager *)cinfo->err;
        snprintf(errors->message, JMSG_LENGTH_MAX, "Progressive JPEG has more than 500 scans");
        longjmp(errors->escape, 1);
    }
}

// Inside entropy-coded data every 0xFF is followed by 0x00 or a restart marker, so an EOI
// (FF D9) at or after `scan_start` means the scans were copied to their end. Bytes after the
// EOI (some cameras append data) do not matter.
static int has_eoi_after(const unsigned char *data, size_t size, size_t scan_start) {
    for (size_t i = size; i >= scan_start + 2; i--) {
        if (data[i - 2] == 0xFF && data[i - 1] == 0xD9) return 1;
    }
    return 0;
}

// The smallest scale whose width is at least `wanted`, choosing as JPEGCodec.scaledSize does:
// TurboJPEG's factors up to 1/1 are the eighths, and libjpeg rounds sizes up.
static int scale_eighths(int width, int wanted) {
    int best = 8, best_width = width;
    for (int num = 8; num >= 1; num--) {
        int w = (int)(((long long)width * num + 7) / 8);
        if (w >= wanted && w < best_width) {
            best = num;
            best_width = w;
        }
    }
    return best;
}

kaowu_jpeg_rows_status kaowu_jpeg_decode_top_rows(
    const unsigned char *data, size_t size, int minimum_width, long long max_pixels,
    double top_share, kaowu_jpeg_rows_result *result) {
    memset(result, 0, sizeof *result);
    struct jpeg_decompress_struct cinfo;
    error_manager errors;
    struct jpeg_progress_mgr progress;
    // Written after setjmp and read after a longjmp: volatile, so not kept in a register.
    unsigned char *volatile pixels = NULL;
    JSAMPROW *volatile row_pointers = NULL;

    cinfo.err = jpeg_std_error(&errors.base);
    errors.base.error_exit = fail;
    errors.base.emit_message = emit_message;
    errors.message = result->message;
    if (setjmp(errors.escape)) {
        free(pixels);
        free(row_pointers);
        jpeg_destroy_decompress(&cinfo);
        return KAOWU_JPEG_ROWS_CORRUPT;
    }
    kaowu_jpeg_rows_status status = KAOWU_JPEG_ROWS_CORRUPT;
    jpeg_create_decompress(&cinfo);
    progress.progress_monitor = limit_scans;
    cinfo.progress = &progress;
    jpeg_mem_src(&cinfo, data, (unsigned long)size);
    jpeg_read_header(&cinfo, TRUE);

    result->width = (int)cinfo.image_width;
    result->height = (int)cinfo.image_height;
    switch (cinfo.jpeg_color_space) {
    case JCS_GRAYSCALE: result->model = KAOWU_JPEG_ROWS_GRAY; break;
    case JCS_CMYK:
    case JCS_YCCK: result->model = KAOWU_JPEG_ROWS_CMYK_MODEL; break;
    default: result->model = KAOWU_JPEG_ROWS_COLOR; break;
    }
    if (result->model == KAOWU_JPEG_ROWS_CMYK_MODEL) {
        status = KAOWU_JPEG_ROWS_CMYK;
        goto done;
    }
    if ((long long)cinfo.image_width * cinfo.image_height > max_pixels) {
        status = KAOWU_JPEG_ROWS_TOO_MANY_PIXELS;
        goto done;
    }
    // jpeg_read_header stops just after the first SOS segment's header.
    if (!has_eoi_after(data, size, size - cinfo.src->bytes_in_buffer)) {
        snprintf(result->message, JMSG_LENGTH_MAX, "No EOI marker after the scan: truncated");
        goto done;
    }

    int wanted = minimum_width < (int)cinfo.image_width ? minimum_width : (int)cinfo.image_width;
    cinfo.scale_num = (unsigned int)scale_eighths((int)cinfo.image_width, wanted);
    cinfo.scale_denom = 8;
    // TurboJPEG's default, so the pixels equal a whole decode's. JDCT_IFAST measured no faster:
    // at 1/8 scale the inverse DCT is libjpeg's 1x1 (2x2 for subsampled chroma) either way.
    cinfo.dct_method = JDCT_ISLOW;
    cinfo.out_color_space = JCS_EXT_RGBA;
    jpeg_start_decompress(&cinfo);

    int width = (int)cinfo.output_width, height = (int)cinfo.output_height;
    int rows = (int)ceil(top_share * height);
    if (rows < 1) rows = 1;
    if (rows > height) rows = height;
    size_t stride = (size_t)width * 4;
    pixels = malloc(stride * (size_t)rows);
    row_pointers = malloc(sizeof(JSAMPROW) * (size_t)rows);
    if (pixels == NULL || row_pointers == NULL) {
        snprintf(result->message, JMSG_LENGTH_MAX, "Out of memory");
        goto done;
    }
    for (int y = 0; y < rows; y++) row_pointers[y] = pixels + stride * (size_t)y;
    while ((int)cinfo.output_scanline < rows) {
        JDIMENSION done_rows = cinfo.output_scanline;
        jpeg_read_scanlines(&cinfo, row_pointers + done_rows, (JDIMENSION)rows - done_rows);
    }
    // Stopping here, without jpeg_finish_decompress, is what saves the work.
    jpeg_abort_decompress(&cinfo);

    result->scaled_width = width;
    result->scaled_height = height;
    result->rows = rows;
    result->pixels = pixels;
    pixels = NULL;
    status = KAOWU_JPEG_ROWS_OK;
done:
    free(pixels);
    free(row_pointers);
    jpeg_destroy_decompress(&cinfo);
    return status;
}
