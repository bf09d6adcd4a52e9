#ifndef BRIEFINGS_CALLOCATOR_H
#define BRIEFINGS_CALLOCATOR_H

/// Asks the allocator to keep memory the process frees, for its own later
/// use, rather than give it back to the system while the process runs (the
/// system takes it all back at exit). For the one-off commands: at 100,000
/// pages, memory that one stage freed and mimalloc gave back was faulted in
/// again by the next, a hundred thousand times, about a second of CPU time
/// (a third of it the kernel's). Does nothing where mimalloc is not the
/// allocator, or is a version whose options are not these.
void briefings_keep_freed_memory(void);

#endif
