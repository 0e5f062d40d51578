// Dequantization of one 32-element chunk of a GGUF weight row, for the type
// selected by exactly one TYPE_* define (TYPE_F32, TYPE_F16, TYPE_BF16,
// TYPE_Q4_0, TYPE_Q4_1, TYPE_Q5_0, TYPE_Q5_1, TYPE_Q8_0, TYPE_Q2_K, TYPE_Q3_K,
// TYPE_Q4_K, TYPE_Q5_K, TYPE_Q6_K).
//
//   void dequant_chunk(uint rowOffset, uint c, uint k, out float w[32])
//     w[i] = element 32c + i of the row of k elements that starts at byte
//     `rowOffset` of weights[]. For the float types (any k) elements past the
//     end of the row read as 0 and are never loaded; for the block types k is
//     a multiple of the block and every chunk is full.
//   BLOCK_ELEMENTS, BLOCK_BYTES: the GGUF block of the type.
//   CHUNK_MAY_BE_PARTIAL: 1 for the float types (the last chunk of a row may
//     hold fewer than 32 elements, so callers mask their own reads), else 0.
//
// Block layouts and formulas follow ggml-common.h (block_q4_0 … block_q6_K)
// and ggml-quants.c (dequantize_row_*), mirrored by inference/quant/blocks.h
// and dequantize.cpp. Every d / dmin / m is an IEEE half. A 32-element chunk
// of a 32-element block type is one block; of a 256-element K-quant
// super-block it is sub-block s = c % 8, elements 32s .. 32s + 31.
//
// Requires common.glsl included with READS_WEIGHTS, and binding 0 also
// declared as `readonly buffer Weights4 { uvec4 weights4[]; }` (the float
// types load aligned chunks 16 bytes at a time) — or, with WEIGHTS_TEXEL,
// `uniform usamplerBuffer weightsTexel` (an R32_UINT view). Words are read
// through WEIGHT_WORD / WEIGHT_WORD4 (common.glsl).
#ifndef VELA_DEQUANT_GLSL
#define VELA_DEQUANT_GLSL

#if defined(TYPE_F32) + defined(TYPE_F16) + defined(TYPE_BF16) + defined(TYPE_Q4_0) + \
    defined(TYPE_Q4_1) + defined(TYPE_Q5_0) + defined(TYPE_Q5_1) + defined(TYPE_Q8_0) + \
    defined(TYPE_Q2_K) + defined(TYPE_Q3_K) + defined(TYPE_Q4_K) + defined(TYPE_Q5_K) + \
    defined(TYPE_Q6_K) != 1
#error "dequant.glsl: define exactly one TYPE_* (see the file comment)"
#endif

// ---------------------------------------------------------------- byte spans
// Span: up to 34 bytes of weights[] from an even byte offset, read as the
// 16-byte units (uvec4) that hold them — at most three, instead of the
// 5-18 word loads of read_u32 per block, which GPUs do not merge. Blocks of
// 18, 22, 34, 110 and 210 bytes are only 2-byte aligned, so the units are
// loaded from off & ~15 and the words realigned in registers:
//   w[j] = word (off >> 2) + j of weights[], j < 9 (36 bytes from off & ~3).
// Unit i is loaded as min(off / 16 + i, last unit holding a span byte): no
// unit without a byte of the span is touched, so a span at the end of a
// binding stays in bounds (weight bindings are whole 16-byte units, the
// allocator pads them). With WEIGHTS_TEXEL the words are fetched one by
// one (a texel fetch is a word), clamped the same way.
struct Span {
    uint w[9];
    uint halfIn; // 16 when off is 2 mod 4 (the span starts half a word in), else 0
};

Span span_load(uint off, uint len)
{
    Span s;
    s.halfIn = (off & 2u) * 8u;
#ifdef WEIGHTS_TEXEL
    const uint lastWord = (off + len - 1u) >> 2;
    [[unroll]] for (uint j = 0u; j < 9u; ++j)
        s.w[j] = WEIGHT_WORD(min((off >> 2) + j, lastWord));
#else
    const uint a = off >> 4, last = (off + len - 1u) >> 4, o = (off >> 2) & 3u;
    const uvec4 v0 = WEIGHT_WORD4(a), v1 = WEIGHT_WORD4(min(a + 1u, last)), v2 = WEIGHT_WORD4(min(a + 2u, last));
    const uint u[12] = uint[12](v0.x, v0.y, v0.z, v0.w, v1.x, v1.y, v1.z, v1.w, v2.x, v2.y, v2.z, v2.w);
    // Shift by o words with selects: a register array indexed by a value
    // that differs between threads would go to local memory on most GPUs.
    [[unroll]] for (uint j = 0u; j < 9u; ++j)
        s.w[j] = o == 0u ? u[j] : o == 1u ? u[j + 1u] : o == 2u ? u[j + 2u] : u[j + 3u];
#endif
    return s;
}

// The 32 bits at byte off + rel of the span (rel even, a constant after
// unrolling; rel + 4 <= 34).
uint span_u32(Span s, uint rel)
{
    const uint i = rel >> 2, sh = s.halfIn + 8u * (rel & 3u); // 0, 16 or 32 bits into w[i]
    return sh == 32u ? s.w[i + 1u] : splice(s.w[i], s.w[i + 1u], sh);
}

uint span_u16(Span s, uint rel)
{
    return span_u32(s, rel) & 0xFFFFu;
}

uint span_u8(Span s, uint rel)
{
    return (span_u32(s, rel & ~1u) >> (8u * (rel & 1u))) & 0xFFu;
}

#if defined(TYPE_F32) || defined(TYPE_F16) || defined(TYPE_BF16)
#define BLOCK_ELEMENTS 1
#define CHUNK_MAY_BE_PARTIAL 1
#else
#define CHUNK_MAY_BE_PARTIAL 0
#endif

// ---------------------------------------------------------------- F32/F16/BF16
#if defined(TYPE_F32)
#define BLOCK_BYTES 4
float read_element(uint rowOffset, uint e) { return uintBitsToFloat(WEIGHT_WORD((rowOffset >> 2) + e)); }
#elif defined(TYPE_F16)
#define BLOCK_BYTES 2
float read_element(uint rowOffset, uint e) { return read_half(rowOffset + 2u * e); }
vec2 unpack_pair(uint u) { return unpackHalf2x16(u); }
#elif defined(TYPE_BF16)
#define BLOCK_BYTES 2
float read_element(uint rowOffset, uint e) { return bf16_to_float(read_u16(rowOffset + 2u * e)); }
vec2 unpack_pair(uint u) { return vec2(uintBitsToFloat(u << 16), uintBitsToFloat(u & 0xFFFF0000u)); }
#endif

#if CHUNK_MAY_BE_PARTIAL
void dequant_chunk(uint rowOffset, uint c, uint k, out float w[32])
{
    const uint e0 = 32u * c, off = rowOffset + BLOCK_BYTES * e0;
    if (e0 + 32u <= k && (off & 15u) == 0u) {
        // A full, 16-byte aligned chunk (every chunk when the row is a
        // multiple of 16 bytes): uvec4 loads, 2-3x faster than words on a GPU.
        [[unroll]] for (uint i = 0u; i < 2u * BLOCK_BYTES; ++i) {
            const uvec4 u = WEIGHT_WORD4((off >> 4) + i);
#if defined(TYPE_F32)
            const vec4 v = uintBitsToFloat(u);
            w[4u * i] = v.x;
            w[4u * i + 1u] = v.y;
            w[4u * i + 2u] = v.z;
            w[4u * i + 3u] = v.w;
#else
            const vec2 a = unpack_pair(u.x), b = unpack_pair(u.y);
            const vec2 c2 = unpack_pair(u.z), d = unpack_pair(u.w);
            w[8u * i] = a.x;
            w[8u * i + 1u] = a.y;
            w[8u * i + 2u] = b.x;
            w[8u * i + 3u] = b.y;
            w[8u * i + 4u] = c2.x;
            w[8u * i + 5u] = c2.y;
            w[8u * i + 6u] = d.x;
            w[8u * i + 7u] = d.y;
#endif
        }
    } else if (e0 + 32u <= k) {
        // A full chunk of a row that is not 16-byte aligned (odd lengths).
#if defined(TYPE_F32)
        [[unroll]] for (uint i = 0u; i < 32u; ++i)
            w[i] = uintBitsToFloat(WEIGHT_WORD((off >> 2) + i));
#else
        // Two 16-bit elements per word; rows of odd length leave every other
        // row 2-byte aligned only, which read_u32 handles.
        [[unroll]] for (uint i = 0u; i < 16u; ++i) {
            const vec2 v = unpack_pair(read_u32(off + 4u * i));
            w[2u * i] = v.x;
            w[2u * i + 1u] = v.y;
        }
#endif
    } else {
        // The tail of the row: load only the elements that exist.
        [[unroll]] for (uint i = 0u; i < 32u; ++i) {
            w[i] = 0.0;
            if (e0 + i < k)
                w[i] = read_element(rowOffset, e0 + i);
        }
    }
}

// ---------------------------------------------------------------- Q4_0
#elif defined(TYPE_Q4_0)
// block_q4_0 (18 B): half d; uint8 qs[16]. Element e < 16 is the low nibble of
// qs[e], e >= 16 the high nibble of qs[e - 16]; x = (nibble - 8) * d.
#define BLOCK_ELEMENTS 32
#define BLOCK_BYTES 18
void dequant_chunk(uint rowOffset, uint c, uint k, out float w[32])
{
    const Span blk = span_load(rowOffset + c * BLOCK_BYTES, BLOCK_BYTES);
    const float d = half_to_float(span_u16(blk, 0u));
    [[unroll]] for (uint i = 0u; i < 4u; ++i) {
        const uint q = span_u32(blk, 2u + 4u * i); // qs[4i .. 4i + 3]
        [[unroll]] for (uint j = 0u; j < 4u; ++j) {
            const uint byte = byte_of(q, j);
            w[4u * i + j] = (float(byte & 15u) - 8.0) * d;
            w[4u * i + j + 16u] = (float(byte >> 4) - 8.0) * d;
        }
    }
}

// ---------------------------------------------------------------- Q4_1
#elif defined(TYPE_Q4_1)
// block_q4_1 (20 B): half d, m; uint8 qs[16]; x = nibble * d + m.
#define BLOCK_ELEMENTS 32
#define BLOCK_BYTES 20
void dequant_chunk(uint rowOffset, uint c, uint k, out float w[32])
{
    const Span blk = span_load(rowOffset + c * BLOCK_BYTES, BLOCK_BYTES);
    const vec2 dm = unpackHalf2x16(span_u32(blk, 0u));
    const float d = dm.x, m = dm.y;
    [[unroll]] for (uint i = 0u; i < 4u; ++i) {
        const uint q = span_u32(blk, 4u + 4u * i);
        [[unroll]] for (uint j = 0u; j < 4u; ++j) {
            const uint byte = byte_of(q, j);
            w[4u * i + j] = float(byte & 15u) * d + m;
            w[4u * i + j + 16u] = float(byte >> 4) * d + m;
        }
    }
}

// ---------------------------------------------------------------- Q5_0 / Q5_1
#elif defined(TYPE_Q5_0) || defined(TYPE_Q5_1)
// block_q5_0 (22 B): half d; uint8 qh[4]; uint8 qs[16].
// block_q5_1 (24 B): half d, m; uint8 qh[4]; uint8 qs[16].
// Bit e of qh (a little-endian u32) is the fifth bit of element e:
// q5 = nibble | ((qh >> e) & 1) << 4; Q5_0: x = (q5 - 16) * d, Q5_1: x = q5 * d + m.
#define BLOCK_ELEMENTS 32
#if defined(TYPE_Q5_0)
#define BLOCK_BYTES 22
#define Q5_QH 2u
#else
#define BLOCK_BYTES 24
#define Q5_QH 4u
#endif
void dequant_chunk(uint rowOffset, uint c, uint k, out float w[32])
{
    const Span blk = span_load(rowOffset + c * BLOCK_BYTES, BLOCK_BYTES);
    const float d = half_to_float(span_u16(blk, 0u));
#if defined(TYPE_Q5_1)
    const float m = half_to_float(span_u16(blk, 2u));
#endif
    const uint qh = span_u32(blk, Q5_QH);
    [[unroll]] for (uint i = 0u; i < 4u; ++i) {
        const uint q = span_u32(blk, Q5_QH + 4u + 4u * i);
        [[unroll]] for (uint j = 0u; j < 4u; ++j) {
            const uint e = 4u * i + j, byte = byte_of(q, j);
            const uint lo = (byte & 15u) | (((qh >> e) & 1u) << 4);
            const uint hi = (byte >> 4) | (((qh >> (e + 16u)) & 1u) << 4);
#if defined(TYPE_Q5_0)
            w[e] = float(int(lo) - 16) * d;
            w[e + 16u] = float(int(hi) - 16) * d;
#else
            w[e] = float(lo) * d + m;
            w[e + 16u] = float(hi) * d + m;
#endif
        }
    }
}

// ---------------------------------------------------------------- Q8_0
#elif defined(TYPE_Q8_0)
// block_q8_0 (34 B): half d; int8 qs[32]; x = qs[e] * d.
#define BLOCK_ELEMENTS 32
#define BLOCK_BYTES 34
void dequant_chunk(uint rowOffset, uint c, uint k, out float w[32])
{
    // The whole 34-byte block is one span: three 16-byte loads.
    const Span blk = span_load(rowOffset + c * BLOCK_BYTES, BLOCK_BYTES);
    const float d = half_to_float(span_u16(blk, 0u));
    [[unroll]] for (uint i = 0u; i < 8u; ++i) {
        const uint q = span_u32(blk, 2u + 4u * i);
        [[unroll]] for (uint j = 0u; j < 4u; ++j)
            w[4u * i + j] = float(byte_as_int8(q, j)) * d;
    }
}

// ---------------------------------------------------------------- Q2_K
#elif defined(TYPE_Q2_K)
// block_q2_K (84 B): uint8 scales[16]; uint8 qs[64]; half d, dmin.
// Element e: h = e/128, j = (e%128)/32, g = (e%32)/16, l = e%16;
// q = (qs[32h + 16g + l] >> 2j) & 3; sc = scales[8h + 2j + g];
// x = d * (sc & 15) * q - dmin * (sc >> 4).
// Chunk s = c % 8 has h = s/4, j = s%4 and reads the 32 bytes qs[32h ..] as
// element i = 16g + l, with scale group g = i / 16.
#define BLOCK_ELEMENTS 256
#define BLOCK_BYTES 84
void dequant_chunk(uint rowOffset, uint c, uint k, out float w[32])
{
    const uint b = rowOffset + (c >> 3) * BLOCK_BYTES, s = c & 7u;
    const uint h = s >> 2, j = s & 3u;
    const vec2 dd = unpackHalf2x16(WEIGHT_WORD((b + 80u) >> 2)); // d, dmin (blocks are 4-byte aligned)
    const float d = dd.x, dmin = dd.y;
    const uint sc = read_u16(b + 8u * h + 2u * j); // scales[8h + 2j] | scales[8h + 2j + 1] << 8
    const float dl0 = d * float(sc & 15u), ml0 = dmin * float((sc >> 4) & 15u);
    const float dl1 = d * float((sc >> 8) & 15u), ml1 = dmin * float((sc >> 12) & 15u);
    const Span qs = span_load(b + 16u + 32u * h, 32u);
    [[unroll]] for (uint i = 0u; i < 8u; ++i) {
        const uint q = span_u32(qs, 4u * i);
        const float dl = i < 4u ? dl0 : dl1, ml = i < 4u ? ml0 : ml1;
        [[unroll]] for (uint t = 0u; t < 4u; ++t)
            w[4u * i + t] = dl * float((byte_of(q, t) >> (2u * j)) & 3u) - ml;
    }
}

// ---------------------------------------------------------------- Q3_K
#elif defined(TYPE_Q3_K)
// block_q3_K (110 B): uint8 hmask[32]; uint8 qs[64]; uint8 scales[12]; half d.
// h, j, g, l as Q2_K; is = 8h + 2j + g; 6-bit signed scales packed in 12 bytes:
// low4 = is < 8 ? scales[is] & 15 : scales[is - 8] >> 4,
// high2 = (scales[8 + is%4] >> 2(is/4)) & 3, scale = (low4 | high2 << 4) - 32;
// q = (qs[32h + 16g + l] >> 2j) & 3, hbit = (hmask[16g + l] >> (4h + j)) & 1;
// x = d * scale * (q - (hbit ? 0 : 4)).
#define BLOCK_ELEMENTS 256
#define BLOCK_BYTES 110
// `tail`: the span of scales[12] and d (bytes 96 .. 109).
float q3k_scale(Span tail, uint is)
{
    const uint low4 = is < 8u ? span_u8(tail, is) & 15u : span_u8(tail, is - 8u) >> 4;
    const uint high2 = (span_u8(tail, 8u + (is & 3u)) >> (2u * (is >> 2))) & 3u;
    return float(int(low4 | (high2 << 4)) - 32);
}
void dequant_chunk(uint rowOffset, uint c, uint k, out float w[32])
{
    const uint b = rowOffset + (c >> 3) * BLOCK_BYTES, s = c & 7u;
    const uint h = s >> 2, j = s & 3u;
    const Span tail = span_load(b + 96u, 14u), hmask = span_load(b, 32u), qs = span_load(b + 32u + 32u * h, 32u);
    const float d = half_to_float(span_u16(tail, 12u));
    const float dl0 = d * q3k_scale(tail, 8u * h + 2u * j);
    const float dl1 = d * q3k_scale(tail, 8u * h + 2u * j + 1u);
    [[unroll]] for (uint i = 0u; i < 8u; ++i) {
        const uint q = span_u32(qs, 4u * i);
        const uint hm = span_u32(hmask, 4u * i); // hmask[4i .. 4i + 3]
        const float dl = i < 4u ? dl0 : dl1;
        [[unroll]] for (uint t = 0u; t < 4u; ++t) {
            const int lo = int((byte_of(q, t) >> (2u * j)) & 3u);
            const bool hbit = ((byte_of(hm, t) >> (4u * h + j)) & 1u) != 0u;
            w[4u * i + t] = dl * float(lo - (hbit ? 0 : 4));
        }
    }
}

// ---------------------------------------------------------------- Q4_K / Q5_K
#elif defined(TYPE_Q4_K) || defined(TYPE_Q5_K)
// block_q4_K (144 B): half d, dmin; uint8 scales[12]; uint8 qs[128].
// block_q5_K (176 B): half d, dmin; uint8 scales[12]; uint8 qh[32]; uint8 qs[128].
// Sub-block s (32 elements, l = e % 32): byte = qs[32(s/2) + l], q = s even ?
// byte & 15 : byte >> 4 (Q5_K: q += 16 * ((qh[l] >> s) & 1)); 6-bit scale and
// min (get_scale_min_k4 in ggml-quants.c):
// s < 4: sc = scales[s] & 63, mn = scales[s + 4] & 63;
// s ≥ 4: sc = (scales[s + 4] & 15) | (scales[s - 4] >> 6) << 4,
//        mn = (scales[s + 4] >> 4) | (scales[s] >> 6) << 4;
// x = d * sc * q - dmin * mn.
#define BLOCK_ELEMENTS 256
#if defined(TYPE_Q4_K)
#define BLOCK_BYTES 144
#define QK_QS 16u
#else
#define BLOCK_BYTES 176
#define QK_QH 16u
#define QK_QS 48u
#endif
void dequant_chunk(uint rowOffset, uint c, uint k, out float w[32])
{
    const uint b = rowOffset + (c >> 3) * BLOCK_BYTES, s = c & 7u;
    float dl, ml;          // d * scale, dmin * min of sub-block s
    uint q[8];             // the 32 quant bytes holding the chunk's nibbles
#if defined(TYPE_Q5_K)
    uint qh[8];            // qh[0 .. 31]
#endif
    bool loaded = false;
#ifndef WEIGHTS_TEXEL
    // Blocks are 144 / 176 bytes, multiples of 16: when the row starts on
    // 16 bytes (the host binds weights so), the block's head (d, dmin and
    // the 12 scale bytes) is one uvec4 and the chunk's quants two more
    // (Q5_K: two more for qh) — 3 (5) loads instead of the 20-odd words of
    // the byte-wise reads below, which GPUs do not merge.
    if ((b & 15u) == 0u) {
        const uvec4 head = WEIGHT_WORD4(b >> 4);
        const vec2 dm = unpackHalf2x16(head.x); // d, dmin
        const uint j = s & 3u;
        // scales[j], scales[j + 4], scales[j + 8]
        const uint lo = byte_of(head.y, j), mid = byte_of(head.z, j), hi = byte_of(head.w, j);
        dl = dm.x * float(s < 4u ? lo & 63u : (hi & 15u) | ((lo >> 6) << 4));
        ml = dm.y * float(s < 4u ? mid & 63u : (hi >> 4) | ((mid >> 6) << 4));
        const uint q4 = (b + QK_QS + 32u * (s >> 1)) >> 4;
        const uvec4 qa = WEIGHT_WORD4(q4), qb = WEIGHT_WORD4(q4 + 1u);
#if defined(TYPE_Q5_K)
        const uvec4 ha = WEIGHT_WORD4((b + QK_QH) >> 4), hb = WEIGHT_WORD4(((b + QK_QH) >> 4) + 1u);
#endif
        [[unroll]] for (uint i = 0u; i < 4u; ++i) {
            q[i] = qa[i];
            q[i + 4u] = qb[i];
#if defined(TYPE_Q5_K)
            qh[i] = ha[i];
            qh[i + 4u] = hb[i];
#endif
        }
        loaded = true;
    }
#endif
    if (!loaded) {
        const float d = read_half(b), dmin = read_half(b + 2u);
        const uint scales = b + 4u;
        uint sc, mn;
        if (s < 4u) {
            sc = read_u8(scales + s) & 63u;
            mn = read_u8(scales + s + 4u) & 63u;
        } else {
            sc = (read_u8(scales + s + 4u) & 15u) | ((read_u8(scales + s - 4u) >> 6) << 4);
            mn = (read_u8(scales + s + 4u) >> 4) | ((read_u8(scales + s) >> 6) << 4);
        }
        dl = d * float(sc);
        ml = dmin * float(mn);
        [[unroll]] for (uint i = 0u; i < 8u; ++i) {
            q[i] = read_u32(b + QK_QS + 32u * (s >> 1) + 4u * i);
#if defined(TYPE_Q5_K)
            qh[i] = read_u32(b + QK_QH + 4u * i); // qh[4i .. 4i + 3]
#endif
        }
    }
    const uint shift = 4u * (s & 1u);
    [[unroll]] for (uint i = 0u; i < 8u; ++i) {
        [[unroll]] for (uint t = 0u; t < 4u; ++t) {
            uint v = (byte_of(q[i], t) >> shift) & 15u;
#if defined(TYPE_Q5_K)
            v |= ((byte_of(qh[i], t) >> s) & 1u) << 4;
#endif
            w[4u * i + t] = dl * float(v) - ml;
        }
    }
}

// ---------------------------------------------------------------- Q6_K
#elif defined(TYPE_Q6_K)
// block_q6_K (210 B): uint8 ql[128]; uint8 qh[64]; int8 scales[16]; half d.
// h = e/128, k = (e%128)/32, l = e%32: lowByte = ql[64h + 32(k%2) + l],
// low = k < 2 ? lowByte & 15 : lowByte >> 4; high = (qh[32h + l] >> 2k) & 3;
// sc = scales[8h + l/16 + 2k] (signed); x = d * sc * ((low | high << 4) - 32).
#define BLOCK_ELEMENTS 256
#define BLOCK_BYTES 210
void dequant_chunk(uint rowOffset, uint c, uint k, out float w[32])
{
    const uint b = rowOffset + (c >> 3) * BLOCK_BYTES, s = c & 7u;
    const uint h = s >> 2, kk = s & 3u;
    // The chunk's 32 ql and 32 qh bytes and the tail (scales[16], d) as
    // three spans: 8 16-byte loads instead of about 21 words.
    const Span ql32 = span_load(b + 64u * h + 32u * (kk & 1u), 32u), qh32 = span_load(b + 128u + 32u * h, 32u);
    const Span tail = span_load(b + 192u, 18u);
    const float d = half_to_float(span_u16(tail, 16u));
    const uint sc = span_u16(tail, 8u * h + 2u * kk); // the two scales of the chunk
    const float dl0 = d * float(byte_as_int8(sc, 0u)), dl1 = d * float(byte_as_int8(sc, 1u));
    const uint lowShift = 4u * (kk >> 1), highShift = 2u * kk;
    [[unroll]] for (uint i = 0u; i < 8u; ++i) {
        const uint ql = span_u32(ql32, 4u * i);
        const uint qh = span_u32(qh32, 4u * i);
        const float dl = i < 4u ? dl0 : dl1;
        [[unroll]] for (uint t = 0u; t < 4u; ++t) {
            const uint low = (byte_of(ql, t) >> lowShift) & 15u;
            const uint high = (byte_of(qh, t) >> highShift) & 3u;
            w[4u * i + t] = dl * float(int(low | (high << 4)) - 32);
        }
    }
}

#endif

#endif // VELA_DEQUANT_GLSL
