#include "LayerwiseKernels.h"

void lwk_sgemm_pack_a(
    ptrdiff_t panelRows, ptrdiff_t rows, ptrdiff_t depth,
    const float *a, ptrdiff_t rowStride, ptrdiff_t columnStride, float *packed)
{
    for (ptrdiff_t i0 = 0; i0 < rows; i0 += panelRows) {
        ptrdiff_t valid = rows - i0 < panelRows ? rows - i0 : panelRows;
        const float *panel = a + i0 * rowStride;
        if (rowStride == 1) {
            // Column p of the panel is contiguous: copy it.
            for (ptrdiff_t p = 0; p < depth; p++) {
                const float *source = panel + p * columnStride;
                float *target = packed + p * panelRows;
                ptrdiff_t i = 0;
                for (; i < valid; i++) target[i] = source[i];
                for (; i < panelRows; i++) target[i] = 0.0f;
            }
        } else {
            // Gather: row i of the panel is read along p.
            for (ptrdiff_t i = 0; i < valid; i++) {
                const float *source = panel + i * rowStride;
                for (ptrdiff_t p = 0; p < depth; p++) packed[p * panelRows + i] = source[p * columnStride];
            }
            for (ptrdiff_t i = valid; i < panelRows; i++)
                for (ptrdiff_t p = 0; p < depth; p++) packed[p * panelRows + i] = 0.0f;
        }
        packed += panelRows * depth;
    }
}

void lwk_sgemm_pack_b(
    ptrdiff_t panelColumns, ptrdiff_t depth, ptrdiff_t columns,
    const float *b, ptrdiff_t rowStride, ptrdiff_t columnStride, float *packed)
{
    for (ptrdiff_t j0 = 0; j0 < columns; j0 += panelColumns) {
        ptrdiff_t valid = columns - j0 < panelColumns ? columns - j0 : panelColumns;
        const float *panel = b + j0 * columnStride;
        if (columnStride == 1) {
            // Row p of the panel is contiguous: copy it.
            for (ptrdiff_t p = 0; p < depth; p++) {
                const float *source = panel + p * rowStride;
                float *target = packed + p * panelColumns;
                ptrdiff_t j = 0;
                for (; j < valid; j++) target[j] = source[j];
                for (; j < panelColumns; j++) target[j] = 0.0f;
            }
        } else {
            // Gather in blocks of 8 rows so the written part of the panel stays in cache.
            enum { BLOCK = 8 };
            for (ptrdiff_t p0 = 0; p0 < depth; p0 += BLOCK) {
                ptrdiff_t steps = depth - p0 < BLOCK ? depth - p0 : BLOCK;
                for (ptrdiff_t j = 0; j < valid; j++) {
                    const float *source = panel + j * columnStride + p0 * rowStride;
                    for (ptrdiff_t s = 0; s < steps; s++)
                        packed[(p0 + s) * panelColumns + j] = source[s * rowStride];
                }
                for (ptrdiff_t j = valid; j < panelColumns; j++)
                    for (ptrdiff_t s = 0; s < steps; s++) packed[(p0 + s) * panelColumns + j] = 0.0f;
            }
        }
        packed += panelColumns * depth;
    }
}
