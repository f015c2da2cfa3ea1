/* Thumb half of interwork.c: compiled with -mthumb, calls an ARM
 * function through a pointer (BLX reg). */
#include <stdint.h>

uint32_t thumb_c_sum(const uint32_t *v, int n, uint32_t (*cb)(uint32_t))
{
    uint32_t s = 0;
    for (int i = 0; i < n; i++)
        s += cb(v[i]);
    return s;
}
