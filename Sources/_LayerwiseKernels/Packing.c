#include <string.h>

#include "LayerwiseKernels.h"
#include "MicroKernels.h"

// Copies `count` (a compile-time constant after inlining) floats.
static inline void copyFloats(float *target, const float *source, ptrdiff_t count)
{
    memcpy(target, source, (size_t)count * sizeof(float));
}

// Column-major panels from contiguous columns of A: walks each column of the whole block
// once, handing `panelRows` values to each panel (a constant per call site, so the copies
// become a few vector moves).
static inline void packColumnsContiguous(
    ptrdiff_t panelRows, ptrdiff_t rows, ptrdiff_t depth,
    const float *a, ptrdiff_t columnStride, float *packed)
{
    ptrdiff_t fullPanels = rows / panelRows;
    ptrdiff_t panelSize = panelRows * depth;
    for (ptrdiff_t p = 0; p < depth; p++) {
        const float *source = a + p * columnStride;
        float *target = packed + p * panelRows;
        for (ptrdiff_t r = 0; r < fullPanels; r++)
            copyFloats(target + r * panelSize, source + r * panelRows, panelRows);
    }
    ptrdiff_t valid = rows - fullPanels * panelRows;
    if (valid > 0) {
        float *last = packed + fullPanels * panelSize;
        for (ptrdiff_t p = 0; p < depth; p++) {
            const float *source = a + p * columnStride + fullPanels * panelRows;
            for (ptrdiff_t i = 0; i < panelRows; i++) last[p * panelRows + i] = i < valid ? source[i] : 0.0f;
        }
    }
}

void lwk_sgemm_pack_a(
    ptrdiff_t panelRows, ptrdiff_t rows, ptrdiff_t depth,
    const float *a, ptrdiff_t rowStride, ptrdiff_t columnStride, int rowsContiguous,
    float *packed)
{
    if (!rowsContiguous && rowStride == 1) {
        switch (panelRows) {
        case 4: packColumnsContiguous(4, rows, depth, a, columnStride, packed); return;
        case 6: packColumnsContiguous(6, rows, depth, a, columnStride, packed); return;
        default: packColumnsContiguous(panelRows, rows, depth, a, columnStride, packed); return;
        }
    }
    for (ptrdiff_t i0 = 0; i0 < rows; i0 += panelRows) {
        ptrdiff_t valid = rows - i0 < panelRows ? rows - i0 : panelRows;
        const float *panel = a + i0 * rowStride;
        if (rowsContiguous) {
            // Element (i, p) at i·depth + p.
            for (ptrdiff_t i = 0; i < valid; i++) {
                const float *source = panel + i * rowStride;
                float *target = packed + i * depth;
                if (columnStride == 1) {
                    memcpy(target, source, (size_t)depth * sizeof(float));
                } else {
                    for (ptrdiff_t p = 0; p < depth; p++) target[p] = source[p * columnStride];
                }
            }
            memset(packed + valid * depth, 0, (size_t)((panelRows - valid) * depth) * sizeof(float));
        } else {
            // Element (i, p) at p·panelRows + i, gathered.
            for (ptrdiff_t p = 0; p < depth; p++) {
                const float *source = panel + p * columnStride;
                float *target = packed + p * panelRows;
                ptrdiff_t i = 0;
                for (; i < valid; i++) target[i] = source[i * rowStride];
                for (; i < panelRows; i++) target[i] = 0.0f;
            }
        }
        packed += panelRows * depth;
    }
}

#if defined(LWK_X86) && (defined(__clang__) || defined(__GNUC__))
static int hasAVX512(void)
{
    static int cached = -1;  // A benign race: every thread computes the same value.
    if (cached < 0) cached = lwk_kernel_is_available(LWKKernelAVX512);
    return cached;
}
#endif

void lwk_sgemm_pack_b(
    ptrdiff_t panelColumns, ptrdiff_t depth, ptrdiff_t columns,
    const float *b, ptrdiff_t rowStride, ptrdiff_t columnStride, float *packed)
{
    if (columnStride != 1 && rowStride == 1) {
#if defined(LWK_X86) && (defined(__clang__) || defined(__GNUC__))
        if (panelColumns % 16 == 0 && hasAVX512()) {
            lwk_pack_b_transposed_avx512(panelColumns, depth, columns, b, columnStride, packed);
            return;
        }
#endif
    }
    for (ptrdiff_t j0 = 0; j0 < columns; j0 += panelColumns) {
        ptrdiff_t valid = columns - j0 < panelColumns ? columns - j0 : panelColumns;
        const float *panel = b + j0 * columnStride;
        if (columnStride == 1) {
            // Row p of the panel is contiguous: copy it.
            for (ptrdiff_t p = 0; p < depth; p++) {
                const float *source = panel + p * rowStride;
                float *target = packed + p * panelColumns;
                memcpy(target, source, (size_t)valid * sizeof(float));
                for (ptrdiff_t j = valid; j < panelColumns; j++) target[j] = 0.0f;
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
