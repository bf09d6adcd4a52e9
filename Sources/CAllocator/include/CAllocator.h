#ifndef BRIEFINGS_CALLOCATOR_H
#define BRIEFINGS_CALLOCATOR_H

/// Asks the allocator to keep memory the process frees, for its own later
/// use, rather than give it back to the system while the process runs (the
/// system takes it all back at exit). For the one-off commands: at 100,000
/// pages, memory given back while a build ran was faulted in again a
/// hundred thousand times, a second of the kernel's time, in a build whose
/// other stages had already freed it. Does nothing where mimalloc is not the
/// allocator, or is a version whose options are not these.
void briefings_keep_freed_memory(void);

#endif
