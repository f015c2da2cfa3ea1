/*
 * matrix: integer matrix multiply (24x24, int32 wrap-around), transpose
 * identity (A*B)^T = B^T*A^T, identity and a checksum of the product;
 * exercises MUL/MLA-heavy loops and 2-D indexing.
 */
#include "fw.h"

#define D 24
static int32_t A[D][D], B[D][D], C[D][D], T1[D][D], T2[D][D];

static void mul(int32_t (*r)[D], int32_t (*x)[D], int32_t (*y)[D])
{
    for (int i = 0; i < D; i++)
        for (int j = 0; j < D; j++) {
            int32_t s = 0;
            for (int k = 0; k < D; k++)
                s += x[i][k] * y[k][j];
            r[i][j] = s;
        }
}

static void transpose(int32_t (*r)[D], int32_t (*x)[D])
{
    for (int i = 0; i < D; i++)
        for (int j = 0; j < D; j++)
            r[j][i] = x[i][j];
}

int main(void)
{
    uint32_t s = 7;
    for (int i = 0; i < D; i++)
        for (int j = 0; j < D; j++) {
            s = s * 1664525u + 1013904223u;
            A[i][j] = (int32_t)(s >> 20) - 2048;
            s = s * 1664525u + 1013904223u;
            B[i][j] = (int32_t)(s >> 22) - 512;
        }
    mul(C, A, B);
    uint32_t sum = 0;
    for (int i = 0; i < D; i++)
        for (int j = 0; j < D; j++)
            sum = sum * 33u + (uint32_t)C[i][j];
    fw_printf("C[0][0]=%d C[5][7]=%d C[23][23]=%d checksum=%08x\n", C[0][0], C[5][7],
              C[23][23], sum);
    /* (A*B)^T == B^T * A^T */
    transpose(T1, C);
    static int32_t At[D][D], Bt[D][D];
    transpose(At, A);
    transpose(Bt, B);
    mul(T2, Bt, At);
    FW_CHECK("(AB)^T == B^T A^T", memcmp(T1, T2, sizeof T1), 0);
    /* A * I == A */
    for (int i = 0; i < D; i++)
        for (int j = 0; j < D; j++)
            T1[i][j] = i == j;
    mul(T2, A, T1);
    FW_CHECK("A*I == A", memcmp(T2, A, sizeof A), 0);
    return fw_done();
}
