#define _GNU_SOURCE
#include "CFileSystem.h"
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>

int briefings_lstat_at(int folder, const char *name, struct stat *info) {
#if defined(__linux__) && defined(STATX_BASIC_STATS)
    struct statx found;
    unsigned int wanted = STATX_TYPE | STATX_MODE | STATX_SIZE | STATX_INO | STATX_MTIME | STATX_CTIME;
    if (statx(folder, name, AT_SYMLINK_NOFOLLOW | AT_STATX_SYNC_AS_STAT, wanted, &found) == 0) {
        memset(info, 0, sizeof *info);
        info->st_mode = found.stx_mode;
        info->st_size = (off_t)found.stx_size;
        info->st_ino = (ino_t)found.stx_ino;
        info->st_mtim.tv_sec = found.stx_mtime.tv_sec;
        info->st_mtim.tv_nsec = found.stx_mtime.tv_nsec;
        info->st_ctim.tv_sec = found.stx_ctime.tv_sec;
        info->st_ctim.tv_nsec = found.stx_ctime.tv_nsec;
        return 0;
    }
    // A kernel or file system without statx: the plain call.
    if (errno != ENOSYS && errno != EINVAL) return -1;
#endif
    return fstatat(folder, name, info, AT_SYMLINK_NOFOLLOW);
}
