/*
 * cosim's error convention: a step that fails puts one line for the user
 * in *err (may be NULL) and returns false, so callers chain steps with &&
 * and main prints "cosim: LINE" once.
 */
#ifndef COSIM_ERRORS_H
#define COSIM_ERRORS_H

#include <string>

namespace cosim {

inline bool fail(std::string *err, const std::string &msg)
{
    if (err)
        *err = msg;
    return false;
}

} // namespace cosim

#endif
