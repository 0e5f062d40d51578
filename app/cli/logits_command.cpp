// vela-cli logits: teacher-forced logits of a token sequence and an optional
// greedy continuation, in the JSON shape of ../shared/fixtures/reference:
//   {"n_vocab": V, "prompt": [...],
//    "prompt_logits": [{"top": [[id, logit], ...], "logsumexp": x}, ...],
//    "greedy": [...]}
// This is how the engine is checked against the established runtime.
#include "run_options.h"
#include "cli_args.h"
#include "commands.h"

#include "backend/backend.h"
#include "model/model.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <ostream>

namespace vela::cli {

namespace {

nlohmann::json positionJson(const float* logits, size_t nVocab, size_t top)
{
    std::vector<int> order(nVocab);
    std::iota(order.begin(), order.end(), 0);
    top = std::min(top, nVocab);
    std::partial_sort(order.begin(), order.begin() + ptrdiff_t(top), order.end(),
                      [&](int a, int b) { return logits[a] > logits[b] || (logits[a] == logits[b] && a < b); });
    nlohmann::json topJson = nlohmann::json::array();
    for (size_t i = 0; i < top; ++i)
        topJson.push_back({order[i], logits[order[i]]});
    const float maxLogit = logits[order[0]];
    double sum = 0.0;
    for (size_t i = 0; i < nVocab; ++i)
        sum += std::exp(double(logits[i]) - maxLogit);
    return {{"top", topJson}, {"logsumexp", double(maxLogit) + std::log(sum)}};
}

int argmax(const float* logits, size_t n)
{
    return int(std::max_element(logits, logits + n) - logits);
}

} // namespace

int runLogits(const Argv& argv, std::ostream& out)
{
    Args args(argv, {.flags = {"--json"}, .withValue = {"--ids", "--top", "--greedy", "--backend", "--device", "--threads", "--matmul"},
                     .minPositional = 1, .maxPositional = 1});
    auto idText = args.value("--ids");
    if (!idText)
        throw UsageError("--ids is required");
    const std::vector<int> ids = Args::parseIdList("--ids", *idText);
    if (ids.empty())
        throw UsageError("--ids: at least one token id is needed");
    const int top = parseIntOption(args, "--top", 20, 1, 1000000);
    const int greedy = parseIntOption(args, "--greedy", 0, 0, 1000000);

    auto model = model::Model::open(args.positional()[0]);
    const uint32_t nVocab = model->config.nVocab;
    for (int id : ids)
        if (id < 0 || uint32_t(id) >= nVocab)
            throw UsageError("token id " + std::to_string(id) + " is outside the vocabulary (0.." +
                             std::to_string(nVocab - 1) + ")");
    const size_t needed = ids.size() + size_t(greedy);
    if (needed > model->config.trainedContext)
        throw UsageError(std::to_string(needed) + " positions exceed the model's context length " +
                         std::to_string(model->config.trainedContext));

    std::unique_ptr<backend::Backend> be = createBackendFromArgs(args, model);
    auto state = be->createState(uint32_t(needed));
    std::vector<float> logits;
    be->forward(*state, ids, 0, backend::LogitsMode::All, logits);

    nlohmann::json j;
    j["n_vocab"] = nVocab;
    j["prompt"] = ids;
    j["prompt_logits"] = nlohmann::json::array();
    for (size_t t = 0; t < ids.size(); ++t)
        j["prompt_logits"].push_back(positionJson(logits.data() + t * nVocab, nVocab, size_t(top)));

    std::vector<int> continuation;
    int next = argmax(logits.data() + (ids.size() - 1) * nVocab, nVocab);
    for (int i = 0; i < greedy; ++i) {
        continuation.push_back(next);
        if (i + 1 == greedy)
            break;
        const backend::TokenId tok = next;
        be->forward(*state, {&tok, 1}, uint32_t(ids.size() + size_t(i)), backend::LogitsMode::Last, logits);
        next = argmax(logits.data(), nVocab);
    }
    j["greedy"] = continuation;

    if (args.flag("--json")) {
        out << j.dump() << "\n";
        return 0;
    }
    for (size_t t = 0; t < ids.size(); ++t) {
        const auto& p = j["prompt_logits"][t];
        out << "position " << t << " (token " << ids[t] << "): best " << p["top"][0][0] << " (" << p["top"][0][1]
            << "), logsumexp " << p["logsumexp"] << "\n";
    }
    if (greedy) {
        out << "greedy:";
        for (int id : continuation)
            out << " " << id;
        out << "\n";
    }
    return 0;
}

} // namespace vela::cli
