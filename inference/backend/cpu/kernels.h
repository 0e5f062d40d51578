// The CPU reference kernels: one function per op, named as the Vulkan shaders
// that implement the same op, so every GPU kernel has a CPU reference to be
// tested against. Plain loops, float accumulation; clarity over speed.
//
// Layouts: activations are row-major [n_tokens][width]; a weight matrix is
// ggml's [ne0 = n_in, ne1 = n_out], i.e. n_out rows of n_in stored values.
#pragma once

#include "gguf/gguf_file.h"

#include <cstddef>
#include <cstdint>

namespace vela::backend::cpu {

class ThreadPool;

// y[t] = x[t] / sqrt(mean(x[t]^2) + eps) * weight, for n rows of `width`.
void rmsNorm(const float* x, const float* weight, float* y, size_t n, size_t width, float eps);

// y[t][r] = dot(W row r, x[t]) (+ bias[r]) for t < n; rows split over threads.
// Each weight row is dequantized once and applied to all n inputs. With
// roundActivations, x is first rounded as the reference runtime's CPU
// backend rounds it for this weight type (see quant/activation.h).
void matmul(ThreadPool& pool, const gguf::TensorInfo& w, const float* x, float* y, size_t n,
            const float* bias = nullptr, bool roundActivations = false);

// NEOX-style rotary embedding in place on `nHeads` heads of headDim at
// position pos: pairs (i, i + headDim/2) rotate by pos * base^(-2i/headDim).
void ropeNeox(float* x, size_t nHeads, size_t headDim, uint32_t pos, float base);

// Causal grouped-query attention for one token at position pos:
// q [nHead][headDim]; kCache/vCache [positions][nHeadKv][headDim] holding
// positions 0..pos; out [nHead][headDim]. Query head h uses KV head
// h / (nHead / nHeadKv); scores scaled by 1/sqrt(headDim).
void attention(const float* q, const float* kCache, const float* vCache, float* out, uint32_t pos,
               size_t nHead, size_t nHeadKv, size_t headDim, float* scratch /* pos + 1 floats */);

// out[i] = silu(gate[i]) * up[i], silu(x) = x / (1 + e^-x).
void swiglu(const float* gate, const float* up, float* out, size_t n);

// Dequantizes row `row` of a [width, rows] tensor (embedding lookup).
void embedding(const gguf::TensorInfo& table, uint32_t row, float* out);

} // namespace vela::backend::cpu
