#ifndef BRIEFINGS_WEB_PROBE_H
#define BRIEFINGS_WEB_PROBE_H

/// The outcome of one request for `check --external`.
typedef struct {
    /// The final HTTP status after redirects, 0 when there was no answer.
    long status;
    /// 0: an answer; 1: no answer within the time allowed; 2: another failure
    /// (`reason` says which); 3: libcurl could not be loaded.
    int failure;
    char reason[256];
} briefings_web_probe;

/// Requests `url` (HEAD when `head` is non-zero, else GET, the body
/// discarded), following redirects; blocks until the answer or the timeout
/// (`timeout_ms` to connect and for each pause, twice that in all).
/// Safe to call from several threads at once.
briefings_web_probe briefings_web_request(const char *url, int head, long timeout_ms, const char *user_agent);

#endif
