/*
 * SerialICE bridge: status names and the one helper every parser uses to
 * report bad user input (rules, -serialice options).
 */
#include "serialice/status.h"

#include <stdarg.h>
#include <stdio.h>

const char *sice_status_name(sice_status st)
{
    switch (st) {
    case SICE_OK:           return "ok";
    case SICE_ERR_ARG:      return "bad argument";
    case SICE_ERR_IO:       return "I/O error";
    case SICE_ERR_TIMEOUT:  return "timeout";
    case SICE_ERR_CLOSED:   return "disconnected";
    case SICE_ERR_PROTOCOL: return "protocol error";
    case SICE_ERR_RESET:    return "board reset";
    case SICE_ERR_STOPPED:  return "stopped";
    }
    return "?";
}

sice_status sice_arg_error(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (err && errlen)
        vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return SICE_ERR_ARG;
}
