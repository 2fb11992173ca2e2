#ifndef KAOWU_CLIBFUZZER_H
#define KAOWU_CLIBFUZZER_H

#include <stddef.h>
#include <stdint.h>

/* libFuzzer's driver (compiler-rt, linked by -sanitize=fuzzer): parses the libFuzzer flags in
 * argv and calls `callback` with every input until a crash, a limit or -runs ends the run. */
int LLVMFuzzerRunDriver(int *argc, char ***argv,
                        int (*callback)(const uint8_t *data, size_t size));

#endif
