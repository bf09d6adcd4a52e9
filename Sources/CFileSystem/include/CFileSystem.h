#ifndef BRIEFINGS_CFILESYSTEM_H
#define BRIEFINGS_CFILESYSTEM_H

/// Atomically exchanges two paths (both must exist) with Linux's
/// renameat2(RENAME_EXCHANGE). Returns 0 on success, or -1 with errno set
/// (ENOSYS or EINVAL where the system or file system cannot do it).
int briefings_exchange_paths(const char *first, const char *second);

#endif
