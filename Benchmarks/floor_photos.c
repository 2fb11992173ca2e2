/* The floor for a photo ZIP: maps the ZIP, inflates every entry with zlib and decodes it with
 * libjpeg-turbo at 1/8 scale (the smallest DCT scaling: the least work a decode can be), on two
 * threads, all in one process. No checks, no database, no report: what no importer of this ZIP
 * can go below. Entries that are not JPEGs fail to decode and are counted.
 *   cc -O2 -o floor-photos floor_photos.c -lturbojpeg -lz -lpthread
 *   floor-photos PHOTOS.zip */
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <turbojpeg.h>
#include <unistd.h>
#include <zlib.h>

#define THREADS 2

struct entry { uint32_t method, compressed, size, offset; };

static const unsigned char *zip;
static size_t zipSize;
static struct entry *entries;
static int count;

static uint32_t u16(const unsigned char *p) { return p[0] | p[1] << 8; }
static uint32_t u32(const unsigned char *p) { return u16(p) | (uint32_t)u16(p + 2) << 16; }

static void *work(void *arg) {
    long failed = 0;
    tjhandle handle = tjInitDecompress();
    unsigned char *data = NULL, *pixels = NULL;
    size_t capacity = 0, pixelCapacity = 0;
    for (int i = (int)(long)arg; i < count; i += THREADS) {
        const struct entry *e = &entries[i];
        const unsigned char *local = zip + e->offset;
        const unsigned char *source = local + 30 + u16(local + 26) + u16(local + 28);
        if (e->size > capacity) { capacity = e->size; data = realloc(data, capacity); }
        if (e->method == 0) {
            memcpy(data, source, e->size);
        } else {
            z_stream z = {0};
            inflateInit2(&z, -MAX_WBITS);
            z.next_in = (unsigned char *)source;
            z.avail_in = e->compressed;
            z.next_out = data;
            z.avail_out = e->size;
            int status = inflate(&z, Z_FINISH);
            inflateEnd(&z);
            if (status != Z_STREAM_END) { failed++; continue; }
        }
        int width, height, subsampling, colorspace;
        if (tjDecompressHeader3(handle, data, e->size, &width, &height, &subsampling,
                                &colorspace) != 0) {
            failed++;
            continue;
        }
        int w = (width + 7) / 8, h = (height + 7) / 8;
        if ((size_t)w * h * 4 > pixelCapacity) {
            pixelCapacity = (size_t)w * h * 4;
            pixels = realloc(pixels, pixelCapacity);
        }
        if (tjDecompress2(handle, data, e->size, pixels, w, 0, h, TJPF_RGBA, 0) != 0) failed++;
    }
    free(data);
    free(pixels);
    tjDestroy(handle);
    return (void *)failed;
}

int main(int argc, char **argv) {
    if (argc != 2) return 64;
    int fd = open(argv[1], O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) { perror(argv[1]); return 1; }
    zipSize = st.st_size;
    zip = mmap(NULL, zipSize, PROT_READ, MAP_PRIVATE, fd, 0);
    if (zip == MAP_FAILED) { perror("mmap"); return 1; }
    /* The end-of-central-directory record, then the central directory (no ZIP64). */
    const unsigned char *end = NULL;
    for (size_t back = 22; back <= zipSize && back < 65557 && !end; back++)
        if (u32(zip + zipSize - back) == 0x06054b50) end = zip + zipSize - back;
    if (!end) { fprintf(stderr, "not a ZIP\n"); return 1; }
    int total = u16(end + 10);
    const unsigned char *p = zip + u32(end + 16);
    entries = calloc(total, sizeof *entries);
    for (int i = 0; i < total; i++) {
        uint32_t nameLength = u16(p + 28);
        if (p[46 + nameLength - 1] != '/')
            entries[count++] = (struct entry){u16(p + 10), u32(p + 20), u32(p + 24), u32(p + 42)};
        p += 46 + nameLength + u16(p + 30) + u16(p + 32);
    }
    pthread_t threads[THREADS];
    for (long t = 0; t < THREADS; t++) pthread_create(&threads[t], NULL, work, (void *)t);
    long failed = 0;
    for (int t = 0; t < THREADS; t++) {
        void *result;
        pthread_join(threads[t], &result);
        failed += (long)result;
    }
    printf("%d entries, %ld not decoded\n", count, failed);
    return 0;
}
