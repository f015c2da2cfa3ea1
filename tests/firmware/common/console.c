/*
 * console.c: polled output on PL011 UART0 and a small printf.
 *
 * fw_putc waits while FR.TXFF (transmit FIFO full) is set, then writes DR;
 * '\n' is sent as is (no CR), so golden files hold plain '\n'.
 * Formats: %d %i %u %x %X %c %s %p %%, flags '0' and '-', a field width,
 * and the 'l' / 'll' length modifiers (64-bit conversions go through
 * libgcc's __aeabi_uldivmod, which the suite wants exercised).
 * Spec: PL011 TRM (ARM DDI 0183G) 3.3.3 UARTFR.
 */
#include "fw.h"

void fw_putc(int c)
{
    while (REG32(VPB_UART0 + UART_FR) & UART_FR_TXFF) {
    }
    REG32(VPB_UART0 + UART_DR) = (uint32_t)(unsigned char)c;
}

void fw_puts(const char *s)
{
    while (*s)
        fw_putc(*s++);
}

typedef struct fw_out {
    char *buf;          /* NULL: UART */
    size_t size, len;
} fw_out;

static void out_char(fw_out *o, char c)
{
    if (!o->buf)
        fw_putc(c);
    else if (o->len + 1 < o->size)
        o->buf[o->len] = c;
    o->len++;
}

static void out_field(fw_out *o, const char *s, size_t n, int width,
                      int left, char pad)
{
    int fill = width > (int)n ? width - (int)n : 0;
    /* With zero padding a sign stays in front of the zeros. */
    if (!left && pad == '0' && n > 0 && s[0] == '-') {
        out_char(o, '-');
        s++;
        n--;
    }
    if (!left)
        while (fill-- > 0)
            out_char(o, pad);
    while (n--)
        out_char(o, *s++);
    if (left)
        while (fill-- > 0)
            out_char(o, ' ');
}

static int do_printf(fw_out *o, const char *fmt, va_list ap)
{
    char tmp[24];
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            out_char(o, *fmt);
            continue;
        }
        fmt++;
        int left = 0, width = 0, lng = 0;
        char pad = ' ';
        for (;; fmt++) {
            if (*fmt == '-')
                left = 1;
            else if (*fmt == '0')
                pad = '0';
            else
                break;
        }
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        while (*fmt == 'l') {
            lng++;
            fmt++;
        }
        char conv = *fmt;
        if (!conv)
            break;
        if (conv == 's') {
            const char *s = va_arg(ap, const char *);
            if (!s)
                s = "(null)";
            out_field(o, s, strlen(s), width, left, ' ');
            continue;
        }
        if (conv == 'c') {
            tmp[0] = (char)va_arg(ap, int);
            out_field(o, tmp, 1, width, left, ' ');
            continue;
        }
        if (conv == '%') {
            out_char(o, '%');
            continue;
        }
        unsigned base = (conv == 'x' || conv == 'X' || conv == 'p') ? 16 : 10;
        int is_signed = conv == 'd' || conv == 'i';
        uint64_t v;
        int neg = 0;
        if (conv == 'p') {
            v = (uintptr_t)va_arg(ap, void *);
        } else if (lng >= 2) {
            v = va_arg(ap, uint64_t);
            if (is_signed && (int64_t)v < 0) {
                neg = 1;
                v = (uint64_t)(-(int64_t)v);
            }
        } else {
            uint32_t u = va_arg(ap, uint32_t);
            v = u;
            if (is_signed && (int32_t)u < 0) {
                neg = 1;
                v = (uint64_t)(-(int64_t)(int32_t)u);
            }
        }
        const char *digits = conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
        char *p = tmp + sizeof tmp;
        do {
            *--p = digits[v % base];
            v /= base;
        } while (v);
        if (neg)
            *--p = '-';
        out_field(o, p, (size_t)(tmp + sizeof tmp - p), width, left, pad);
    }
    return (int)o->len;
}

int fw_vprintf(const char *fmt, va_list ap)
{
    fw_out o = { 0, 0, 0 };
    return do_printf(&o, fmt, ap);
}

int fw_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = fw_vprintf(fmt, ap);
    va_end(ap);
    return n;
}

int fw_snprintf(char *buf, size_t n, const char *fmt, ...)
{
    fw_out o = { buf, n, 0 };
    va_list ap;
    va_start(ap, fmt);
    do_printf(&o, fmt, ap);
    va_end(ap);
    if (n)
        buf[o.len < n ? o.len : n - 1] = 0;
    return (int)o.len;
}
