/* Only a header: the driver itself comes from compiler-rt's libFuzzer. */
#include "CLibFuzzer.h"
