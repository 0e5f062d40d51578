// The SPIR-V modules of the compute shaders in shaders/, compiled at build
// time by glslangValidator and embedded as uint32_t words (library
// vela_shaders). Variant names and their sources: shaders/variants.txt; the
// kernels' bindings, grids and workgroup sizes: shaders/README.md and
// inference/backend/vulkan/kernel_params.h.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace vela::shaders {

// Tile of matmul_*: rows and tokens per workgroup, so its grid is
// (ceil(rows / kMatmulRows), ceil(nTokens / kMatmulTokens)). shaders/CMakeLists.txt
// reads these lines (and the row counts below) and passes the values to the
// shader compiler.
inline constexpr uint32_t kMatmulRows = 4;
inline constexpr uint32_t kMatmulTokens = 8;
// matmul_subgroup_* (GPU decode, matmul_subgroup.glsl): rows per workgroup,
// so its grid is ceil(rows / kMatmulSubgroupRows).
inline constexpr uint32_t kMatmulSubgroupRows = 4;
// matmul_texel_* (CPU devices): rows read per invocation for decode
// (main_decode_rows in matmul_texel.glsl; with GLU half are gate rows, half
// their up rows) and prefill (main_prefill_rows); prefill with GLU reads
// kTexelPrefillGluRows gate rows and their up rows (≤ kTexelPrefillRows / 2).
inline constexpr uint32_t kTexelDecodeRows = 4;
inline constexpr uint32_t kTexelPrefillRows = 4;
inline constexpr uint32_t kTexelPrefillGluRows = 1;

// top_k_sort_* (top_k_sort.comp): items each workgroup sorts in shared memory
// (8 bytes each: 16 KiB, every device's least).
inline constexpr uint32_t kTopKSortSlice = 2048;

// Workgroup sizes to pass as specialization constant 0 (each shader's default,
// used when the constant is not specialized, is the same).
inline constexpr uint32_t kWorkgroupEmbedding = 32;      // any ≥ 1
inline constexpr uint32_t kWorkgroupMatmul = 32;         // any; shared memory grows with it
// matmul_subgroup_* decode: two subgroups of 32 (NVIDIA) or one wave64 (AMD,
// KernelPlan::matmulSubgroupSize), 16 chunks of 32 weights per row pass.
inline constexpr uint32_t kWorkgroupMatmulSubgroup = 64; // any ≤ 64 subgroups
inline constexpr uint32_t kWorkgroupRmsNorm = 256;       // any
inline constexpr uint32_t kWorkgroupQkNormRope = 64;     // any
inline constexpr uint32_t kWorkgroupAttention = 128;     // ≥ headDim / 2 (also the key tile)
inline constexpr uint32_t kWorkgroupAttentionMerge = 128; // any
inline constexpr uint32_t kWorkgroupAttentionPrefill = 128; // a multiple of the tile's rows
inline constexpr uint32_t kWorkgroupElementwise = 256;   // swiglu: any
inline constexpr uint32_t kWorkgroupTopK = 256;          // any

// The words of the module `name` (e.g. "matmul_q4_k"); empty if unknown.
std::span<const uint32_t> find(std::string_view name);
// Every embedded module's name, sorted.
std::vector<std::string_view> names();

} // namespace vela::shaders
