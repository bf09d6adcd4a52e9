// libcurl is loaded when the first external link is checked, not linked: linked,
// it and the thirty libraries it needs were loaded by every run of the program,
// a third of the time a small build takes to start (docs/performance.md).
#include "web_probe.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

// libcurl's stable ABI (curl/curl.h), declared here so that building needs no
// libcurl headers.
typedef void CURL;
typedef int CURLcode;
enum {
    CURLE_OK = 0,
    CURLE_OPERATION_TIMEDOUT = 28,
    CURL_GLOBAL_DEFAULT = 3,
    CURL_ERROR_SIZE = 256,
    CURLOPT_URL = 10002,
    CURLOPT_ERRORBUFFER = 10010,
    CURLOPT_WRITEFUNCTION = 20011,
    CURLOPT_USERAGENT = 10018,
    CURLOPT_LOW_SPEED_LIMIT = 19,
    CURLOPT_LOW_SPEED_TIME = 20,
    CURLOPT_NOBODY = 44,
    CURLOPT_FOLLOWLOCATION = 52,
    CURLOPT_MAXREDIRS = 68,
    CURLOPT_HTTPGET = 80,
    CURLOPT_NOSIGNAL = 99,
    CURLOPT_ACCEPT_ENCODING = 10102,
    CURLOPT_TIMEOUT_MS = 155,
    CURLOPT_CONNECTTIMEOUT_MS = 156,
    CURLOPT_PROTOCOLS_STR = 10318,
    CURLOPT_REDIR_PROTOCOLS_STR = 10319,
    CURLINFO_RESPONSE_CODE = 0x200002,
};

static struct {
    CURLcode (*global_init)(long);
    CURL *(*easy_init)(void);
    CURLcode (*easy_setopt)(CURL *, int, ...);
    CURLcode (*easy_perform)(CURL *);
    CURLcode (*easy_getinfo)(CURL *, int, ...);
    void (*easy_cleanup)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    int loaded;
} curl;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static void load_curl(void) {
    const char *names[] = {"libcurl.so.4", "libcurl.so", "libcurl.4.dylib", "libcurl.dylib"};
    void *library = NULL;
    for (size_t index = 0; index < sizeof names / sizeof names[0] && !library; index++) {
        library = dlopen(names[index], RTLD_NOW | RTLD_LOCAL);
    }
    if (!library) return;
    *(void **)&curl.global_init = dlsym(library, "curl_global_init");
    *(void **)&curl.easy_init = dlsym(library, "curl_easy_init");
    *(void **)&curl.easy_setopt = dlsym(library, "curl_easy_setopt");
    *(void **)&curl.easy_perform = dlsym(library, "curl_easy_perform");
    *(void **)&curl.easy_getinfo = dlsym(library, "curl_easy_getinfo");
    *(void **)&curl.easy_cleanup = dlsym(library, "curl_easy_cleanup");
    *(void **)&curl.easy_strerror = dlsym(library, "curl_easy_strerror");
    if (!curl.global_init || !curl.easy_init || !curl.easy_setopt || !curl.easy_perform || !curl.easy_getinfo
        || !curl.easy_cleanup || !curl.easy_strerror) {
        return;
    }
    // Once, before any handle: curl_global_init is not safe to race.
    curl.loaded = curl.global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
}

static size_t discard(char *data, size_t size, size_t count, void *context) {
    (void)data;
    (void)context;
    return size * count;
}

briefings_web_probe briefings_web_request(const char *url, int head, long timeout_ms, const char *user_agent) {
    briefings_web_probe result = {0, 0, {0}};
    pthread_once(&load_once, load_curl);
    if (!curl.loaded) {
        result.failure = 3;
        snprintf(result.reason, sizeof result.reason, "libcurl (libcurl4) is not installed");
        return result;
    }
    CURL *handle = curl.easy_init();
    if (!handle) {
        result.failure = 2;
        snprintf(result.reason, sizeof result.reason, "libcurl could not start a request");
        return result;
    }
    char error[CURL_ERROR_SIZE] = {0};
    if (timeout_ms <= 0) timeout_ms = 10000;
    curl.easy_setopt(handle, CURLOPT_URL, url);
    curl.easy_setopt(handle, CURLOPT_ERRORBUFFER, error);
    curl.easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    if (head) {
        curl.easy_setopt(handle, CURLOPT_NOBODY, 1L);
    } else {
        curl.easy_setopt(handle, CURLOPT_HTTPGET, 1L);
    }
    curl.easy_setopt(handle, CURLOPT_WRITEFUNCTION, discard);
    curl.easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 1L);
    curl.easy_setopt(handle, CURLOPT_MAXREDIRS, 10L);
    // Only the web: a redirect to a file or another scheme is not followed
    // (older libcurl, which lacks these options, already refuses most).
    curl.easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
    curl.easy_setopt(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl.easy_setopt(handle, CURLOPT_USERAGENT, user_agent);
    curl.easy_setopt(handle, CURLOPT_ACCEPT_ENCODING, "");
    // As the timeout per request: connecting and each pause in the answer;
    // the whole request gets twice that.
    curl.easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
    curl.easy_setopt(handle, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl.easy_setopt(handle, CURLOPT_LOW_SPEED_TIME, timeout_ms >= 1000 ? (timeout_ms + 999) / 1000 : 1L);
    curl.easy_setopt(handle, CURLOPT_TIMEOUT_MS, timeout_ms * 2);
    CURLcode code = curl.easy_perform(handle);
    long status = 0;
    curl.easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
    result.status = status;
    if (code == CURLE_OPERATION_TIMEDOUT) {
        result.failure = 1;
    } else if (code != CURLE_OK) {
        result.failure = 2;
        snprintf(result.reason, sizeof result.reason, "%s", error[0] ? error : curl.easy_strerror(code));
    }
    curl.easy_cleanup(handle);
    return result;
}
