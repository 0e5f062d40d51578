// Shared helpers of the Vela compute shaders (GLSL 450, Vulkan 1.2 baseline).
//
// The baseline uses no optional device feature: no 8/16-bit storage, no
// float16 arithmetic, no subgroup operations. GGUF weights are therefore
// read as raw little-endian bytes out of a `uint` array, with shifts.
//
// The byte readers below read from `weights[]`: a shader that includes this
// file with READS_WEIGHTS defined declares, before the #include,
//     layout(binding = 0) readonly buffer Weights { uint weights[]; };
// Byte offsets are relative to the start of that binding (the host binds the
// part of the tensor a dispatch works on, so offsets fit in 32 bits).
//
// No reader touches a word that holds none of the bytes it returns, so a
// read at the very end of a buffer stays in bounds (no robustBufferAccess
// needed); dequant.glsl's spans touch only 16-byte units holding their
// bytes, and weight bindings are whole 16-byte units (the allocator pads
// every slice).
#ifndef VELA_COMMON_GLSL
#define VELA_COMMON_GLSL

// NEG_SENTINEL: "no score yet / no value", the finite stand-in for -inf of
// the softmax and selection kernels. Vulkan promises no IEEE infinities
// without float controls (VK_KHR_shader_float_controls), and fast-math
// compilers (MoltenVK's Metal, mobile drivers) may assume none, turning
// -inf - -inf or 0 * inf into NaN or folding isinf()/isnan() away. -1e30 is
// far below any real score (an F16 key times a float query, |s| < 1e12) and
// far above -FLT_MAX, so:
//   exp(NEG_SENTINEL - m) = 0 for any real m (the exponent underflows);
//   NEG_SENTINEL - NEG_SENTINEL = 0, not NaN (an empty slice against itself);
//   sums and differences of a few sentinels stay finite.
// Code compares against it or subtracts it, never tests for infinity.
#define NEG_SENTINEL (-1.0e30)

// IEEE half (low 16 bits of `bits`) to float.
float half_to_float(uint bits)
{
    return unpackHalf2x16(bits).x;
}

// bfloat16 is the high half of an IEEE float.
float bf16_to_float(uint bits)
{
    return uintBitsToFloat(bits << 16);
}

// Sign-extends byte `i` (0..3) of a word: the int8 quants of Q8_0 and the
// signed scales of Q6_K.
int byte_as_int8(uint word, uint i)
{
    return bitfieldExtract(int(word), int(i * 8u), 8);
}

// Byte `i` (0..3) of a word, unsigned.
uint byte_of(uint word, uint i)
{
    return (word >> (i * 8u)) & 0xFFu;
}

#ifdef READS_WEIGHTS

// WEIGHT_WORD(i): word i of the weights; WEIGHT_WORD4(i): words 4i .. 4i + 3.
// With WEIGHTS_TEXEL the weights are an R32_UINT uniform texel buffer
// (`weightsTexel`) instead of a storage buffer: on CPU devices (lavapipe)
// a texel fetch compiles to a plain vector gather, while a storage-buffer
// load becomes a loop over the SIMD lanes with a branch per lane (Mesa 22,
// gallivm lp_bld_nir_soa.c, emit_load_mem); measured on this machine's
// lavapipe: 1.4 GB/s against 0.8 GB/s for a Q8_0 product on one core.
#ifdef WEIGHTS_TEXEL
#define WEIGHT_WORD(i) texelFetch(weightsTexel, int(i)).x
#define WEIGHT_WORD4(i) uvec4(WEIGHT_WORD(4u * (i)), WEIGHT_WORD(4u * (i) + 1u), WEIGHT_WORD(4u * (i) + 2u), WEIGHT_WORD(4u * (i) + 3u))
#else
#define WEIGHT_WORD(i) weights[i]
#define WEIGHT_WORD4(i) weights4[i]
#endif

// The byte at byte offset `off`.
uint read_u8(uint off)
{
    return (WEIGHT_WORD(off >> 2) >> ((off & 3u) * 8u)) & 0xFFu;
}

// Two words spliced at a byte shift `sh` (0, 8, 16 or 24): the 32 bits that
// start `sh` bits into `lo`. Written without branches or a shift by 32 (which
// GLSL leaves undefined): for sh = 0, (hi << 1) << 31 is 0.
uint splice(uint lo, uint hi, uint sh)
{
    return (lo >> sh) | ((hi << 1u) << (31u - sh));
}

// Little-endian u16 at any byte offset (an offset ≡ 3 mod 4 straddles two
// words). The second load re-reads word i unless the value straddles, so
// the code stays branch-free and never reads past the bytes asked for.
uint read_u16(uint off)
{
    const uint i = off >> 2, sh = (off & 3u) * 8u;
    return splice(WEIGHT_WORD(i), WEIGHT_WORD(i + uint(sh == 24u)), sh) & 0xFFFFu;
}

// Little-endian u32 at any byte offset. GGUF blocks are 2-byte aligned at
// best (Q4_0 is 18 bytes, Q3_K 110, Q6_K 210), so the quants of a block are
// usually not word aligned.
uint read_u32(uint off)
{
    const uint i = off >> 2, sh = (off & 3u) * 8u;
    return splice(WEIGHT_WORD(i), WEIGHT_WORD(i + uint(sh != 0u)), sh);
}

float read_half(uint off)
{
    return half_to_float(read_u16(off));
}

#endif // READS_WEIGHTS

#endif // VELA_COMMON_GLSL
