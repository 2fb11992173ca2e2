// libxlsxwriter has no compression setting: it asks minizip for zlib's default level (6) for
// every part of a workbook. For a large report that deflating is the longest single step
// (4 of 16 s for a million-row roster's report, on one core), while level 1 is 2.7 times as
// fast for files about 18% larger. libxlsxwriter reaches minizip through one dynamic call,
// zipOpenNewFileInZip4_64; defined here, in the program that links libxlsxwriter, it comes
// first in symbol lookup, so libxlsxwriter's call lands here and goes on to minizip's with
// the level changed. Nothing else in kaowu uses minizip. Should a libxlsxwriter build ever
// link minizip statically, this is simply not called and workbooks are deflated as before.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdatomic.h>
#include <stddef.h>

// zlib's and minizip's types, spelled out so that no minizip header is needed.
typedef unsigned int uInt;
typedef unsigned long uLong;
#define Z_DEFAULT_COMPRESSION (-1)
#define Z_BEST_SPEED 1

typedef int (*open_new_file_fn)(
    void *file, const char *filename, const void *zipfi, const void *extrafield_local,
    uInt size_extrafield_local, const void *extrafield_global, uInt size_extrafield_global,
    const char *comment, int method, int level, int raw, int windowBits, int memLevel,
    int strategy, const char *password, uLong crcForCrypting, uLong versionMadeBy,
    uLong flagBase, int zip64);

int zipOpenNewFileInZip4_64(
    void *file, const char *filename, const void *zipfi, const void *extrafield_local,
    uInt size_extrafield_local, const void *extrafield_global, uInt size_extrafield_global,
    const char *comment, int method, int level, int raw, int windowBits, int memLevel,
    int strategy, const char *password, uLong crcForCrypting, uLong versionMadeBy,
    uLong flagBase, int zip64) {
    static _Atomic(open_new_file_fn) minizip;
    open_new_file_fn next = atomic_load(&minizip);
    if (next == NULL) {
        next = (open_new_file_fn)dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64");
        if (next == NULL) return -102;  // ZIP_INTERNALERROR: minizip is not loaded at all
        atomic_store(&minizip, next);
    }
    if (level == Z_DEFAULT_COMPRESSION) level = Z_BEST_SPEED;
    return next(
        file, filename, zipfi, extrafield_local, size_extrafield_local, extrafield_global,
        size_extrafield_global, comment, method, level, raw, windowBits, memLevel, strategy,
        password, crcForCrypting, versionMadeBy, flagBase, zip64);
}
