#include "CAllocator.h"

// mimalloc is linked on Linux only (Package.swift); elsewhere the system's
// allocator is used and there is nothing to ask.
#if defined(__linux__) && __has_include(<mimalloc.h>)
#include <mimalloc.h>
#endif

void briefings_keep_freed_memory(void) {
#if defined(__linux__) && defined(MI_MALLOC_VERSION) && MI_MALLOC_VERSION >= 200 && MI_MALLOC_VERSION < 210
    // 2.0.x: decommitting is the giving back. A value set in the environment
    // (MIMALLOC_ALLOW_DECOMMIT) still wins over this default.
    mi_option_set_default(mi_option_allow_decommit, 0);
#endif
}
