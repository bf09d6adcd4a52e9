#ifndef BRIEFINGS_CFILESYSTEM_H
#define BRIEFINGS_CFILESYSTEM_H

/// Atomically exchanges two paths (both must exist) with Linux's
/// renameat2(RENAME_EXCHANGE). Returns 0 on success, or -1 with errno set
/// (ENOSYS or EINVAL where the system or file system cannot do it).
int briefings_exchange_paths(const char *first, const char *second);

#include <sys/stat.h>

/// `fstatat(folder, name, info, AT_SYMLINK_NOFOLLOW)`, filling only the type,
/// mode, size, inode and the modification and change times: on Linux it asks
/// statx for those alone, which costs a fifth less than a full stat, and a
/// build looks at every content file and every published folder.
int briefings_lstat_at(int folder, const char *name, struct stat *info);

#endif
