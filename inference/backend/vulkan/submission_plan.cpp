#include "backend/vulkan/submission_plan.h"

#include <algorithm>
#include <bit>

namespace vela::backend::vulkan {

double StepWork::total() const
{
    double t = head;
    for (double l : layers)
        t += l;
    return t;
}

StepWork stepWork(const model::Config& c, uint32_t tokens, uint32_t pos, uint32_t logitRows)
{
    // Two FLOP per multiply-add. A layer's products: q, k, v, o and the
    // SwiGLU's gate, up, down; attention: q·k and p·v over the positions up
    // to each token's own (on average pos + (tokens + 1) / 2).
    StepWork w;
    const double n = tokens, E = c.nEmbd, hd = c.headDim;
    const double attended = double(pos) + (n + 1.0) / 2.0;
    for (const model::LayerShape& s : c.layers) {
        const double q = s.nHead * hd, kv = s.nHeadKv * hd;
        const double weights = E * (2.0 * q + 2.0 * kv) + 3.0 * E * s.nFf;
        const double attention = 2.0 * q * attended; // multiply-adds per token
        w.layers.push_back(2.0 * n * (weights + attention) * 1e-9);
    }
    w.head = 2.0 * double(logitRows) * E * c.nVocab * 1e-9;
    return w;
}

std::vector<LayerRange> splitLayers(uint32_t nLayers, uint32_t segments)
{
    std::vector<LayerRange> out;
    if (nLayers == 0)
        return {{0, 0}};
    segments = std::clamp<uint32_t>(segments, 1, nLayers);
    const uint32_t base = nLayers / segments, extra = nLayers % segments;
    uint32_t begin = 0;
    for (uint32_t i = 0; i < segments; ++i) {
        const uint32_t size = base + (i < extra ? 1 : 0);
        out.push_back({begin, begin + size});
        begin += size;
    }
    return out;
}

uint32_t planSegments(const StepWork& work, double msPerGflop, double targetMs)
{
    const auto nLayers = uint32_t(work.layers.size());
    for (uint32_t s = 1; s < nLayers; ++s) {
        bool fits = true;
        for (const LayerRange& r : splitLayers(nLayers, s)) {
            double gflop = r.end == nLayers ? work.head : 0.0;
            for (uint32_t l = r.begin; l < r.end; ++l)
                gflop += work.layers[l];
            fits = fits && gflop * msPerGflop <= targetMs;
        }
        if (fits)
            return s;
    }
    return std::max<uint32_t>(nLayers, 1);
}

size_t SpeedEstimate::sizeClass(uint32_t tokens)
{
    return size_t(std::bit_width(std::max<uint32_t>(tokens, 1)) - 1);
}

double SpeedEstimate::msPerGflop(uint32_t tokens) const
{
    const size_t c = sizeClass(tokens);
    for (size_t d = 0; d < measured_.size(); ++d) {
        if (c + d < measured_.size() && measured_[c + d] > 0)
            return measured_[c + d];
        if (d <= c && measured_[c - d] > 0)
            return measured_[c - d];
    }
    return initial_;
}

void SpeedEstimate::record(uint32_t tokens, double gflop, double ms)
{
    if (!(gflop > 0) || !(ms >= 0))
        return;
    const double rate = ms / gflop;
    double& m = measured_[sizeClass(tokens)];
    m = m == 0 || rate > m ? rate : (1.0 - kFasterWeight) * m + kFasterWeight * rate;
}

} // namespace vela::backend::vulkan
