// How libxlsxwriter's workbooks are deflated. libxlsxwriter has no compression setting: it asks
// minizip for zlib's default level (6) for every part, and minizip deflates on the one thread
// that closes the workbook. For a large report that deflating was the longest single step: 4 of
// 16 s for a million-row roster's report at level 6; at level 1 (2.7 times as fast, files about
// 18% larger) still the last tenth of a 100,000-row run, on one core while the other idled.
//
// libxlsxwriter reaches minizip through dynamic calls: zipOpenNewFileInZip4_64,
// zipWriteInFileInZip and zipCloseFileInZip. Defined here, in the program that links
// libxlsxwriter, they come first in symbol lookup, so its calls land here:
// - the level becomes zlib's fastest;
// - the part is opened raw (minizip stores the bytes it is given) and deflated here, in chunks of
//   CHUNK bytes on one thread per core, as pigz does: each chunk is a raw deflate stream primed
//   with the previous chunk's last 32 KiB as its dictionary, ended with a sync flush (a whole
//   byte, no final block) but the last, which finishes the stream. The chunks' output, in
//   order, is one deflate stream, each chunk's CRC-32 combined into the part's.
// A part smaller than a chunk is deflated on the calling thread, as minizip would. Nothing else
// in kaowu uses minizip. Should a libxlsxwriter build ever link minizip statically, none of this
// is called and workbooks are deflated as before.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

typedef void *zipFile;

// minizip's return codes.
#define ZIP_OK 0
#define ZIP_INTERNALERROR (-104)

typedef int (*open_new_file_fn)(
    zipFile file, const char *filename, const void *zipfi, const void *extrafield_local,
    uInt size_extrafield_local, const void *extrafield_global, uInt size_extrafield_global,
    const char *comment, int method, int level, int raw, int windowBits, int memLevel,
    int strategy, const char *password, uLong crcForCrypting, uLong versionMadeBy,
    uLong flagBase, int zip64);
typedef int (*write_fn)(zipFile file, const void *buf, unsigned len);
typedef int (*close_fn)(zipFile file);
typedef int (*close_raw_fn)(zipFile file, uint64_t uncompressed_size, uLong crc32);
typedef int (*close_zip_fn)(zipFile file, const char *global_comment);

// minizip's own functions, found once (RTLD_NEXT: the definitions after this program's).
static _Atomic(void *) next_open, next_write, next_close, next_close_raw, next_close_zip;

static void *minizip(_Atomic(void *) *slot, const char *name) {
    void *found = atomic_load(slot);
    if (found == NULL) {
        found = dlsym(RTLD_NEXT, name);
        atomic_store(slot, found);
    }
    return found;
}

enum { CHUNK = 256 * 1024, DICTIONARY = 32 * 1024, SLOTS = 8, MAX_WORKERS = 4 };

/// One chunk of a part: its input, and once deflated its output and CRC-32.
typedef struct {
    unsigned char *input;
    size_t length;
    unsigned char dictionary[DICTIONARY];
    size_t dictionaryLength;
    unsigned char *output;
    size_t outputLength, outputCapacity;
    uLong crc;
    int last;
    int ok;
} Chunk;

/// The part being written on this thread: chunks numbered from 0, chunk n in slot n % SLOTS,
/// taken by the workers in order and written into the ZIP in order.
typedef struct {
    zipFile file;
    int level;
    Chunk slots[SLOTS];
    size_t filling;   // the chunk being filled
    size_t queued;    // chunks below this are handed to the workers (or deflated inline)
    size_t taken;     // chunks below this were taken by a worker
    size_t written;   // chunks below this are in the ZIP
    int done[SLOTS];  // whether the chunk in this slot is deflated
    uint64_t total;
    uLong crc;
    int error;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    pthread_t workers[MAX_WORKERS];
    int workerCount;
    int stopping;
} Part;

static _Thread_local Part *current;

static int deflate_chunk(Chunk *chunk, int level) {
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    if (deflateInit2(&stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return 0;
    if (chunk->dictionaryLength > 0
        && deflateSetDictionary(&stream, chunk->dictionary, (uInt)chunk->dictionaryLength)
            != Z_OK) {
        deflateEnd(&stream);
        return 0;
    }
    // A sync flush adds an empty stored block (5 bytes) and the block in progress may need 6.
    size_t bound = deflateBound(&stream, (uLong)chunk->length) + 16;
    if (chunk->outputCapacity < bound) {
        free(chunk->output);
        chunk->output = malloc(bound);
        chunk->outputCapacity = chunk->output ? bound : 0;
        if (chunk->output == NULL) {
            deflateEnd(&stream);
            return 0;
        }
    }
    stream.next_in = chunk->input;
    stream.avail_in = (uInt)chunk->length;
    stream.next_out = chunk->output;
    stream.avail_out = (uInt)chunk->outputCapacity;
    int status = deflate(&stream, chunk->last ? Z_FINISH : Z_SYNC_FLUSH);
    int ok = chunk->last ? status == Z_STREAM_END : status == Z_OK && stream.avail_in == 0;
    chunk->outputLength = chunk->outputCapacity - stream.avail_out;
    deflateEnd(&stream);
    chunk->crc = crc32(0, chunk->input, (uInt)chunk->length);
    return ok;
}

static void *work(void *argument) {
    Part *part = argument;
    pthread_mutex_lock(&part->lock);
    for (;;) {
        while (part->taken == part->queued && !part->stopping)
            pthread_cond_wait(&part->changed, &part->lock);
        if (part->taken == part->queued) break;
        size_t n = part->taken++;
        Chunk *chunk = &part->slots[n % SLOTS];
        pthread_mutex_unlock(&part->lock);
        int ok = deflate_chunk(chunk, part->level);
        pthread_mutex_lock(&part->lock);
        chunk->ok = ok;
        part->done[n % SLOTS] = 1;
        pthread_cond_broadcast(&part->changed);
    }
    pthread_mutex_unlock(&part->lock);
    return NULL;
}

/// Hands chunk `filling` to the workers (starting them for the part's first full chunk), or
/// deflates it here when it is the whole part.
static void queue_chunk(Part *part, int last) {
    Chunk *chunk = &part->slots[part->filling % SLOTS];
    chunk->last = last;
    if (last && part->workerCount == 0) {
        chunk->ok = deflate_chunk(chunk, part->level);
        part->done[part->filling % SLOTS] = 1;
        part->queued = part->taken = ++part->filling;
        return;
    }
    if (part->workerCount == 0) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        int wanted = cores < 1 ? 1 : cores > MAX_WORKERS ? MAX_WORKERS : (int)cores;
        for (int i = 0; i < wanted; i++) {
            if (pthread_create(&part->workers[part->workerCount], NULL, work, part) == 0)
                part->workerCount++;
        }
        if (part->workerCount == 0) {  // no thread to be had: deflate here
            chunk->ok = deflate_chunk(chunk, part->level);
            part->done[part->filling % SLOTS] = 1;
            part->queued = part->taken = ++part->filling;
            return;
        }
    }
    pthread_mutex_lock(&part->lock);
    part->queued = ++part->filling;
    pthread_cond_broadcast(&part->changed);
    pthread_mutex_unlock(&part->lock);
}

/// Writes deflated chunks into the ZIP, in order, until at most `pending` are outstanding
/// (0: all of them), waiting for the workers as needed.
static void write_chunks(Part *part, size_t pending) {
    write_fn write = minizip(&next_write, "zipWriteInFileInZip");
    while (part->filling - part->written > pending) {
        size_t n = part->written;
        Chunk *chunk = &part->slots[n % SLOTS];
        pthread_mutex_lock(&part->lock);
        while (!part->done[n % SLOTS]) pthread_cond_wait(&part->changed, &part->lock);
        part->done[n % SLOTS] = 0;
        pthread_mutex_unlock(&part->lock);
        if (!chunk->ok) {
            part->error = ZIP_INTERNALERROR;
        } else if (part->error == ZIP_OK && chunk->outputLength > 0) {
            part->error = write(part->file, chunk->output, (unsigned)chunk->outputLength);
        }
        part->crc = crc32_combine(part->crc, chunk->crc, (z_off_t)chunk->length);
        part->written++;
    }
}

/// Makes chunk `filling` ready to fill: its slot's earlier chunk written out, the previous
/// chunk's end as its dictionary.
static int start_chunk(Part *part) {
    write_chunks(part, SLOTS - 1);
    Chunk *chunk = &part->slots[part->filling % SLOTS];
    if (chunk->input == NULL) {
        chunk->input = malloc(CHUNK);
        if (chunk->input == NULL) return 0;
    }
    chunk->length = 0;
    chunk->dictionaryLength = 0;
    if (part->filling > 0) {
        Chunk *previous = &part->slots[(part->filling - 1) % SLOTS];
        size_t keep = previous->length < DICTIONARY ? previous->length : DICTIONARY;
        memcpy(chunk->dictionary, previous->input + previous->length - keep, keep);
        chunk->dictionaryLength = keep;
    }
    return 1;
}

static void free_part(Part *part) {
    pthread_mutex_lock(&part->lock);
    part->stopping = 1;
    pthread_cond_broadcast(&part->changed);
    pthread_mutex_unlock(&part->lock);
    for (int i = 0; i < part->workerCount; i++) pthread_join(part->workers[i], NULL);
    for (int i = 0; i < SLOTS; i++) {
        free(part->slots[i].input);
        free(part->slots[i].output);
    }
    pthread_mutex_destroy(&part->lock);
    pthread_cond_destroy(&part->changed);
    free(part);
}

int zipOpenNewFileInZip4_64(
    zipFile file, const char *filename, const void *zipfi, const void *extrafield_local,
    uInt size_extrafield_local, const void *extrafield_global, uInt size_extrafield_global,
    const char *comment, int method, int level, int raw, int windowBits, int memLevel,
    int strategy, const char *password, uLong crcForCrypting, uLong versionMadeBy,
    uLong flagBase, int zip64) {
    open_new_file_fn open = minizip(&next_open, "zipOpenNewFileInZip4_64");
    if (open == NULL) return ZIP_INTERNALERROR;  // minizip is not loaded at all
    if (level == Z_DEFAULT_COMPRESSION) level = Z_BEST_SPEED;
    Part *part = NULL;
    if (method == Z_DEFLATED && !raw && password == NULL && current == NULL
        && minizip(&next_write, "zipWriteInFileInZip") != NULL
        && minizip(&next_close_raw, "zipCloseFileInZipRaw64") != NULL) {
        part = calloc(1, sizeof *part);
    }
    int status = open(
        file, filename, zipfi, extrafield_local, size_extrafield_local, extrafield_global,
        size_extrafield_global, comment, method, level, part != NULL, windowBits, memLevel,
        strategy, password, crcForCrypting, versionMadeBy, flagBase, zip64);
    if (part != NULL) {
        if (status != ZIP_OK) {
            free(part);
            return status;
        }
        part->file = file;
        part->level = level;
        part->crc = crc32(0, NULL, 0);
        pthread_mutex_init(&part->lock, NULL);
        pthread_cond_init(&part->changed, NULL);
        if (!start_chunk(part)) part->error = ZIP_INTERNALERROR;
        current = part;
    }
    return status;
}

int zipWriteInFileInZip(zipFile file, const void *buf, unsigned len) {
    Part *part = current;
    if (part == NULL || part->file != file) {
        write_fn write = minizip(&next_write, "zipWriteInFileInZip");
        return write == NULL ? ZIP_INTERNALERROR : write(file, buf, len);
    }
    const unsigned char *bytes = buf;
    while (len > 0 && part->error == ZIP_OK) {
        Chunk *chunk = &part->slots[part->filling % SLOTS];
        size_t room = CHUNK - chunk->length;
        size_t take = len < room ? len : room;
        memcpy(chunk->input + chunk->length, bytes, take);
        chunk->length += take;
        part->total += take;
        bytes += take;
        len -= (unsigned)take;
        if (chunk->length == CHUNK) {
            queue_chunk(part, 0);
            if (!start_chunk(part)) part->error = ZIP_INTERNALERROR;
        }
    }
    return part->error;
}

int zipCloseFileInZip(zipFile file) {
    Part *part = current;
    if (part == NULL || part->file != file) {
        close_fn close = minizip(&next_close, "zipCloseFileInZip");
        return close == NULL ? ZIP_INTERNALERROR : close(file);
    }
    current = NULL;
    if (part->error == ZIP_OK) queue_chunk(part, 1);
    write_chunks(part, 0);
    int status = part->error;
    close_raw_fn close_raw = minizip(&next_close_raw, "zipCloseFileInZipRaw64");
    int closed = close_raw(file, part->total, part->crc);
    free_part(part);
    return status != ZIP_OK ? status : closed;
}

// A workbook abandoned after a failed write closes its ZIP with a part still open: that part's
// chunks are dropped once the workers are done with them (minizip closes the entry itself), so
// no later workbook on this thread meets them.
int zipClose(zipFile file, const char *global_comment) {
    Part *part = current;
    if (part != NULL && part->file == file) {
        current = NULL;
        free_part(part);
    }
    close_zip_fn close = minizip(&next_close_zip, "zipClose");
    return close == NULL ? ZIP_INTERNALERROR : close(file, global_comment);
}
