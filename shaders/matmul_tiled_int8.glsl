// matmul_tiled_int8_<type> (Q4_0 Q4_1 Q5_0 Q5_1 Q8_0): the prefill GEMM of
// matmul_tiled.comp with integer dot products, for the weight types whose
// activations the backend rounds to Q8 blocks (round_q8 / rms_norm_q8) — the
// reference runtime's integer path for exactly those types.
//
// A 32-element chunk of W is one block: quants q_w (int8: Q4_0 nibble − 8,
// Q5_0 q5 − 16, Q8_0 as stored; Q4_1 / Q5_1 the unsigned nibble / q5) with
// scale d_w and offset m_w (Q4_1 / Q5_1, else 0): w = d_w · q_w + m_w. The
// activations' chunk of token t is requantized as round_q8 does (d_x =
// amax / 127, q_x = roundEven(x / d_x)); for activations already rounded by
// round_q8 this gives back the same q_x and d_x = its half scale exactly, so
//   dot(w, x) = d_w · d_x · Σ q_w q_x + m_w · d_x · Σ q_x
// is the float product of the same values, only summed in another order.
// Σ q_w q_x is 8 OpSDot (SPV_KHR_integer_dot_product, 4 × 8-bit packed) per
// block. glslang 12 (Debian 12) does not know GL_EXT_integer_dot_product, so
// the instruction is declared through GL_EXT_spirv_intrinsics (OpSDot = 4450,
// capabilities DotProductInput4x8BitPacked = 6018 and DotProduct = 6019,
// operand PackedVectorFormat4x8Bit = 0; SPIR-V spec, SPV_KHR_integer_dot_product).
//
// Tiles (shared memory): AsQ[up][word][m] (8 packed words per row), AsD/AsM
// [up][m]; BsQ[word][n] (padded rows), BsD[n] (d_x), BsS[n] (d_x · Σ q_x).
// FLAG_NORM is not supported (the host never folds the norm into these
// types: rms_norm_q8 normalizes and rounds first); kernels::matmul runs the
// float variant for it. k is a multiple of 32.
#extension GL_EXT_spirv_intrinsics : require

spirv_instruction(extensions = ["SPV_KHR_integer_dot_product"], capabilities = [6018, 6019], id = 4450)
int sdot4x8(uint a, uint b, spirv_literal int packedVectorFormat);

shared uint AsQ[GLU_ROWS * 8u * BM];
shared float AsD[GLU_ROWS * BM];
shared float AsM[GLU_ROWS * BM];
shared uint BsQ[8u * BNP];
shared float BsD[BN];
shared float BsS[BN];

uint pack_i8(int a, int b, int c, int d)
{
    return (uint(a) & 255u) | ((uint(b) & 255u) << 8) | ((uint(c) & 255u) << 16) | ((uint(d) & 255u) << 24);
}

// The quants of block c of the row at rowOffset as packed int8 (element
// 4i + j in byte j of q[i]), its scale and offset. Layouts: dequant.glsl.
void quant_chunk(uint rowOffset, uint c, out uint q[8], out float d, out float m)
{
    const uint b = rowOffset + c * BLOCK_BYTES;
    d = read_half(b);
    m = 0.0;
#if defined(TYPE_Q8_0)
    [[unroll]] for (uint i = 0u; i < 8u; ++i)
        q[i] = read_u32(b + 2u + 4u * i); // int8 qs[32], already packed
#elif defined(TYPE_Q4_0) || defined(TYPE_Q4_1)
#if defined(TYPE_Q4_1)
    m = read_half(b + 2u);
    const uint qs = b + 4u;
    const int bias = 0;
#else
    const uint qs = b + 2u;
    const int bias = 8;
#endif
    [[unroll]] for (uint i = 0u; i < 4u; ++i) {
        const uint word = read_u32(qs + 4u * i); // qs[4i .. 4i + 3]: elements 4i.. (low), 16 + 4i.. (high)
        q[i] = pack_i8(int(word & 15u) - bias, int((word >> 8) & 15u) - bias, int((word >> 16) & 15u) - bias,
                       int((word >> 24) & 15u) - bias);
        q[i + 4u] = pack_i8(int((word >> 4) & 15u) - bias, int((word >> 12) & 15u) - bias,
                            int((word >> 20) & 15u) - bias, int((word >> 28) & 15u) - bias);
    }
#elif defined(TYPE_Q5_0) || defined(TYPE_Q5_1)
#if defined(TYPE_Q5_1)
    m = read_half(b + 2u);
    const int bias = 0;
#else
    const int bias = 16;
#endif
    const uint qh = read_u32(b + Q5_QH);
    [[unroll]] for (uint i = 0u; i < 4u; ++i) {
        const uint word = read_u32(b + Q5_QH + 4u + 4u * i);
        int lo[4], hi[4];
        [[unroll]] for (uint j = 0u; j < 4u; ++j) {
            const uint e = 4u * i + j, byte = byte_of(word, j);
            lo[j] = int((byte & 15u) | (((qh >> e) & 1u) << 4)) - bias;
            hi[j] = int((byte >> 4) | (((qh >> (e + 16u)) & 1u) << 4)) - bias;
        }
        q[i] = pack_i8(lo[0], lo[1], lo[2], lo[3]);
        q[i + 4u] = pack_i8(hi[0], hi[1], hi[2], hi[3]);
    }
#else
#error "matmul_tiled_int8: only the Q8-rounded types (Q4_0 Q4_1 Q5_0 Q5_1 Q8_0)"
#endif
}

void main()
{
    const uint lane = gl_LocalInvocationID.x;
    const uint ty = lane % RY, tx = lane / RY;
    const uint nRowTiles = (pc.rows + BM - 1u) / BM;
    const uint nTokenTiles = (pc.nTokens + BN - 1u) / BN;
    const uint nChunks = pc.k / BK;

    for (uint tt = gl_WorkGroupID.y; tt < nTokenTiles; tt += gl_NumWorkGroups.y) {
        const uint t0 = tt * BN;
        for (uint rt = gl_WorkGroupID.x; rt < nRowTiles; rt += gl_NumWorkGroups.x) {
            const uint r0 = rt * BM;
            float acc[TM * TN];
            float accUp[TM * TN]; // GLU only
            [[unroll]] for (uint i = 0u; i < TM * TN; ++i) {
                acc[i] = 0.0;
                accUp[i] = 0.0;
            }
            for (uint c = 0u; c < nChunks; ++c) {
                barrier(); // every thread is done with the previous block's tiles
                for (uint v = lane; v < GLU_ROWS * BM; v += WG) {
                    const uint mm = v % BM, up = v / BM, r = r0 + mm;
                    uint q[8];
                    float d = 0.0, m = 0.0;
                    if (r < pc.rows) {
                        quant_chunk((r + up * pc.rows) * pc.rowBytes, c, q, d, m);
                    } else {
                        [[unroll]] for (uint i = 0u; i < 8u; ++i)
                            q[i] = 0u;
                    }
                    [[unroll]] for (uint i = 0u; i < 8u; ++i)
                        AsQ[(up * 8u + i) * BM + mm] = q[i];
                    AsD[up * BM + mm] = d;
                    AsM[up * BM + mm] = m;
                }
                // One thread per token requantizes its 32 activations.
                for (uint n = lane; n < BN; n += WG) {
                    const uint t = t0 + n;
                    float xv[32];
                    float amax = 0.0;
                    [[unroll]] for (uint i = 0u; i < 32u; ++i) {
                        xv[i] = t < pc.nTokens ? x[t * pc.k + c * BK + i] : 0.0;
                        amax = max(amax, abs(xv[i]));
                    }
                    const float d = amax / 127.0, id = d != 0.0 ? 1.0 / d : 0.0;
                    int sum = 0;
                    [[unroll]] for (uint i = 0u; i < 8u; ++i) {
                        int qv[4];
                        [[unroll]] for (uint j = 0u; j < 4u; ++j) {
                            qv[j] = int(roundEven(xv[4u * i + j] * id));
                            sum += qv[j];
                        }
                        BsQ[i * BNP + n] = pack_i8(qv[0], qv[1], qv[2], qv[3]);
                    }
                    BsD[n] = d;
                    BsS[n] = d * float(sum);
                }
                barrier();
                int isum[TM * TN];
                int isumUp[TM * TN]; // GLU only
                [[unroll]] for (uint i = 0u; i < TM * TN; ++i) {
                    isum[i] = 0;
                    isumUp[i] = 0;
                }
                [[unroll]] for (uint wd = 0u; wd < 8u; ++wd) {
                    uint bq[TN];
                    [[unroll]] for (uint j = 0u; j < TN; ++j)
                        bq[j] = BsQ[wd * BNP + tx + j * TX];
                    [[unroll]] for (uint i = 0u; i < TM; ++i) {
                        const uint a = AsQ[wd * BM + ty + i * RY];
                        [[unroll]] for (uint j = 0u; j < TN; ++j)
                            isum[i * TN + j] += sdot4x8(a, bq[j], 0);
                        if (GLU_ROWS == 2u) {
                            const uint au = AsQ[(8u + wd) * BM + ty + i * RY];
                            [[unroll]] for (uint j = 0u; j < TN; ++j)
                                isumUp[i * TN + j] += sdot4x8(au, bq[j], 0);
                        }
                    }
                }
                [[unroll]] for (uint i = 0u; i < TM; ++i) {
                    const uint mm = ty + i * RY;
                    [[unroll]] for (uint j = 0u; j < TN; ++j) {
                        const uint n = tx + j * TX;
                        acc[i * TN + j] += float(isum[i * TN + j]) * AsD[mm] * BsD[n] + AsM[mm] * BsS[n];
                        if (GLU_ROWS == 2u)
                            accUp[i * TN + j] +=
                                float(isumUp[i * TN + j]) * AsD[BM + mm] * BsD[n] + AsM[BM + mm] * BsS[n];
                    }
                }
            }
            [[unroll]] for (uint i = 0u; i < TM; ++i) {
                const uint r = r0 + ty + i * RY;
                [[unroll]] for (uint j = 0u; j < TN; ++j) {
                    const uint n = tx + j * TX;
                    if (r < pc.rows && t0 + n < pc.nTokens)
                        write_output(r, n, t0 + n, acc[i * TN + j], GLU_ROWS == 2u ? accUp[i * TN + j] : 0.0, false);
                }
            }
        }
    }
}
