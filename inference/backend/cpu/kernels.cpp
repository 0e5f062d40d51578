#include "backend/cpu/kernels.h"

#include "backend/cpu/thread_pool.h"
#include "quant/activation.h"
#include "quant/dequantize.h"

#include <cmath>
#include <vector>

namespace vela::backend::cpu {

void rmsNorm(const float* x, const float* weight, float* y, size_t n, size_t width, float eps)
{
    for (size_t t = 0; t < n; ++t) {
        const float* xr = x + t * width;
        float* yr = y + t * width;
        double ss = 0.0;
        for (size_t i = 0; i < width; ++i)
            ss += double(xr[i]) * xr[i];
        const float scale = 1.0f / std::sqrt(float(ss / double(width)) + eps);
        for (size_t i = 0; i < width; ++i)
            yr[i] = xr[i] * scale * weight[i];
    }
}

void matmul(ThreadPool& pool, const gguf::TensorInfo& w, const float* x, float* y, size_t n, const float* bias,
            bool roundActivations)
{
    const size_t nIn = w.ne[0], nOut = w.rows();
    std::vector<float> rounded;
    if (roundActivations && w.type != gguf::TensorType::F32) {
        rounded.assign(x, x + n * nIn);
        for (size_t t = 0; t < n; ++t)
            quant::roundActivations(w.type, rounded.data() + t * nIn, nIn);
        x = rounded.data();
    }
    const size_t rowBytes = quant::rowBytes(w.type, nIn);
    const auto* base = reinterpret_cast<const uint8_t*>(w.data);
    pool.parallelFor(nOut, [&](size_t begin, size_t end) {
        std::vector<float> row(nIn);
        for (size_t r = begin; r < end; ++r) {
            quant::dequantize(w.type, base + r * rowBytes, row.data(), nIn);
            const float b = bias ? bias[r] : 0.0f;
            for (size_t t = 0; t < n; ++t) {
                const float* xt = x + t * nIn;
                float acc = 0.0f;
                for (size_t i = 0; i < nIn; ++i)
                    acc += row[i] * xt[i];
                y[t * nOut + r] = acc + b;
            }
        }
    });
}

void ropeNeox(float* x, size_t nHeads, size_t headDim, uint32_t pos, float base)
{
    const size_t half = headDim / 2;
    for (size_t i = 0; i < half; ++i) {
        const double theta = double(pos) * std::pow(double(base), -2.0 * double(i) / double(headDim));
        const float c = float(std::cos(theta)), s = float(std::sin(theta));
        for (size_t h = 0; h < nHeads; ++h) {
            float* v = x + h * headDim;
            const float a = v[i], b = v[i + half];
            v[i] = a * c - b * s;
            v[i + half] = a * s + b * c;
        }
    }
}

void attention(const float* q, const float* kCache, const float* vCache, float* out, uint32_t pos, size_t nHead,
               size_t nHeadKv, size_t headDim, float* scores)
{
    const size_t group = nHead / nHeadKv;
    const size_t kvStride = nHeadKv * headDim;
    const float scale = 1.0f / std::sqrt(float(headDim));
    for (size_t h = 0; h < nHead; ++h) {
        const float* qh = q + h * headDim;
        const size_t kvh = h / group;
        float maxScore = -INFINITY;
        for (uint32_t p = 0; p <= pos; ++p) {
            const float* k = kCache + p * kvStride + kvh * headDim;
            float s = 0.0f;
            for (size_t i = 0; i < headDim; ++i)
                s += qh[i] * k[i];
            scores[p] = s * scale;
            maxScore = std::max(maxScore, scores[p]);
        }
        float sum = 0.0f;
        for (uint32_t p = 0; p <= pos; ++p) {
            scores[p] = std::exp(scores[p] - maxScore);
            sum += scores[p];
        }
        float* oh = out + h * headDim;
        for (size_t i = 0; i < headDim; ++i)
            oh[i] = 0.0f;
        for (uint32_t p = 0; p <= pos; ++p) {
            const float wgt = scores[p] / sum;
            const float* v = vCache + p * kvStride + kvh * headDim;
            for (size_t i = 0; i < headDim; ++i)
                oh[i] += wgt * v[i];
        }
    }
}

void swiglu(const float* gate, const float* up, float* out, size_t n)
{
    for (size_t i = 0; i < n; ++i)
        out[i] = gate[i] / (1.0f + std::exp(-gate[i])) * up[i];
}

void embedding(const gguf::TensorInfo& table, uint32_t row, float* out)
{
    const size_t width = table.ne[0];
    const size_t rowBytes = quant::rowBytes(table.type, width);
    quant::dequantize(table.type, reinterpret_cast<const uint8_t*>(table.data) + size_t(row) * rowBytes, out, width);
}

} // namespace vela::backend::cpu
