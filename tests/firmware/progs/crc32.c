/*
 * crc32: table-driven CRC-32 (IEEE 802.3, reflected 0xEDB88320) over
 * 64 KiB of generated data, compared with the bitwise algorithm, plus
 * the standard check value and Adler-32 of the same data.
 */
#include "fw.h"

static uint32_t table[256];
static uint8_t data[65536];

static uint32_t crc_bitwise(const uint8_t *p, uint32_t n)
{
    uint32_t c = 0xffffffffu;
    while (n--) {
        c ^= *p++;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? (c >> 1) ^ 0xedb88320u : c >> 1;
    }
    return ~c;
}

static uint32_t crc_table(const uint8_t *p, uint32_t n)
{
    uint32_t c = 0xffffffffu;
    while (n--)
        c = table[(c ^ *p++) & 0xff] ^ (c >> 8);
    return ~c;
}

int main(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? (c >> 1) ^ 0xedb88320u : c >> 1;
        table[i] = c;
    }
    fw_printf("table[1]=%08x table[128]=%08x table[255]=%08x\n", table[1], table[128], table[255]);
    FW_CHECK("check value", crc_table((const uint8_t *)"123456789", 9), 0xcbf43926u);
    uint32_t s = 1;
    for (uint32_t i = 0; i < sizeof data; i++) {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        data[i] = (uint8_t)s;
    }
    uint32_t t = crc_table(data, sizeof data);
    fw_printf("crc32(64K) = %08x\n", t);
    FW_CHECK("table == bitwise", t, crc_bitwise(data, sizeof data));
    for (uint32_t n = 1; n <= 4096; n *= 4)
        fw_printf("crc32(%u bytes) = %08x\n", n, crc_table(data, n));
    uint32_t a = 1, b = 0;
    for (uint32_t i = 0; i < sizeof data; i++) {
        a = (a + data[i]) % 65521u;
        b = (b + a) % 65521u;
    }
    fw_printf("adler32(64K) = %08x\n", (b << 16) | a);
    return fw_done();
}
