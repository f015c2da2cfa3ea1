/*
 * The C interfaces the C++ layer uses, included the one safe way.
 *
 * tcg/cpu.h, targets/arm/cpu.h and peripherals/periph.h are C11 headers
 * without extern "C" guards and with C11's _Noreturn; every C++ file
 * (tlm-bridge/, cosim/) includes them through here and nowhere else.  The
 * system headers they use are included first, outside the extern "C"
 * block, so their own C++ declarations are not affected.
 */
#ifndef TLMB_C_API_H
#define TLMB_C_API_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#if defined(__cplusplus) && !defined(_Noreturn)
#define TLMB_DEFINED_NORETURN_
#define _Noreturn [[noreturn]]
#endif

extern "C" {
#include "peripherals/periph.h"
#include "tcg/cpu.h"
}

#ifdef TLMB_DEFINED_NORETURN_
#undef _Noreturn
#undef TLMB_DEFINED_NORETURN_
#endif

#endif
