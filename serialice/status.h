/*
 * SerialICE bridge: status codes shared by transports, client, rules, log.
 *
 * Every fallible sice_ function returns one of these and is marked
 * SICE_WUR.  Human-readable detail goes to a caller-provided or per-object
 * message buffer, never to a global.
 */
#ifndef SERIALICE_STATUS_H
#define SERIALICE_STATUS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SICE_WUR __attribute__((warn_unused_result))

typedef enum sice_status {
    SICE_OK = 0,
    SICE_ERR_ARG,        /* bad user input: option, rule, path, baud      */
    SICE_ERR_IO,         /* the OS refused (open, termios, write, ...)     */
    SICE_ERR_TIMEOUT,    /* nothing arrived in time                        */
    SICE_ERR_CLOSED,     /* the other end went away (EOF, EIO, hang-up)    */
    SICE_ERR_PROTOCOL,   /* wrong echo, short / non-hex reply, line noise  */
    SICE_ERR_RESET,      /* the board printed its reset banner mid-run     */
    SICE_ERR_STOPPED,    /* an earlier fatal error: the session is over    */
} sice_status;

/* A short constant name for a status ("timeout", "disconnected", ...). */
const char *sice_status_name(sice_status st);

/* Format a reason for bad user input into err (if given); returns
 * SICE_ERR_ARG so parsers can `return sice_arg_error(...)`. */
sice_status sice_arg_error(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#ifdef __cplusplus
}
#endif

#endif
