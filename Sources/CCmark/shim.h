#ifndef BRIEFINGS_CCMARK_SHIM_H
#define BRIEFINGS_CCMARK_SHIM_H
#include <cmark.h>
#endif
