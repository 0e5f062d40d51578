// vela-cli bench: prompt processing and generation speed, measured apart as
// llama-bench does: pp = one forward over P prompt tokens in a fresh context,
// tg = N single-token decode steps; each repeated R times (mean reported).
// ttft_ms is the prompt run up to its first token (the pp run, with the
// selection of that token), i.e. the time to first token of a P-token prompt.
#include "cli_args.h"
#include "commands.h"
#include "run_options.h"

#include "model/model.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <map>
#include <vector>
#include <iomanip>
#include <ostream>
#include <random>

namespace vela::cli {

namespace {

// Kernels by time spent, longest first, as share of the phase's device time.
void printProfile(std::ostream& out, const std::map<std::string, double>& pp,
                  const std::map<std::string, double>& tg, int reps, int n, const std::string& unavailable)
{
    auto table = [&](const char* title, const std::map<std::string, double>& m, double per) {
        std::vector<std::pair<double, std::string>> rows;
        double total = 0;
        for (const auto& [k, v] : m) {
            rows.emplace_back(v / per, k);
            total += v / per;
        }
        std::sort(rows.rbegin(), rows.rend());
        out << "  " << title << " (device time " << total << " ms)\n";
        for (const auto& [v, k] : rows)
            out << "    " << std::setw(28) << std::left << k << std::right << std::setw(10) << v << " ms "
                << std::setw(6) << (total > 0 ? 100.0 * v / total : 0.0) << " %\n";
    };
    if (!pp.empty())
        table("prompt run, per run", pp, reps);
    if (!tg.empty())
        table("generation, per token", tg, double(reps) * std::max(n, 1));
    if (pp.empty() && tg.empty() && !unavailable.empty())
        out << "  " << unavailable << "\n";
    else if (pp.empty() && tg.empty())
        out << "  no kernel profile: this backend runs no device kernels\n";
}

} // namespace

int runBench(const Argv& argv, std::ostream& out)
{
    std::set<std::string> values = {"-p", "-n", "-r"};
    values.insert(kRunOptions.begin(), kRunOptions.end());
    Args args(argv, {.flags = {"--json", "--profile"}, .withValue = values, .minPositional = 1, .maxPositional = 1});
    const int p = parseIntOption(args, "-p", 512, 0, 1 << 20);
    const int n = parseIntOption(args, "-n", 128, 0, 1 << 20);
    const int reps = parseIntOption(args, "-r", 3, 1, 1000);
    using Clock = std::chrono::steady_clock;
    auto ms = [](Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double, std::milli>(b - a).count(); };

    const auto t0 = Clock::now();
    auto model = model::Model::open(args.positional()[0]);
    auto be = createBackendFromArgs(args, model);
    const double loadMs = ms(t0, Clock::now());
    const model::Config& c = model->config;
    const uint32_t nCtx = uint32_t(std::max(p, n) + 1);
    if (nCtx > c.trainedContext)
        throw UsageError("-p/-n exceed the model's context length " + std::to_string(c.trainedContext));

    // Speed does not depend on which tokens: random ids from the vocabulary.
    std::mt19937 rng(1);
    std::uniform_int_distribution<int> pick(0, int(c.nVocab) - 1);
    std::vector<backend::TokenId> prompt(static_cast<size_t>(p));
    for (auto& t : prompt)
        t = pick(rng);
    const bool profile = args.flag("--profile");
    if (profile)
        be->enableProfiling();
    auto state = be->createState(nCtx);
    // --profile: device time per kernel, per prompt run (pp) and per token (tg).
    std::map<std::string, double> ppKernels, tgKernels;
    auto addDelta = [&](std::map<std::string, double>& into, const std::map<std::string, double>& before) {
        for (const auto& [k, v] : be->stats().kernelMs) {
            const auto b = before.find(k);
            into[k] += v - (b == before.end() ? 0.0 : b->second);
        }
    };
    std::vector<float> logits;
    std::vector<TokenLogit> best;
    double ppMs = 0, tgMs = 0;
    uint32_t dispatches = 0, barriers = 0, tgSubmissions = 0, ppSubmissions = 0;
    // One untimed warm-up of each shape (pipeline creation, first-touch).
    if (p)
        be->forward(*state, prompt, 0, backend::LogitsMode::Last, logits);
    const backend::TokenId first = pick(rng);
    be->forwardTop(*state, {&first, 1}, 0, 1, best);
    for (int r = 0; r < reps; ++r) {
        if (p) {
            const auto before = be->stats().kernelMs;
            const auto a = Clock::now();
            // The prompt up to its first generated token (greedy, selected
            // where the logits are): the time to first token of a reply.
            be->forwardTop(*state, prompt, 0, 1, best);
            ppMs += ms(a, Clock::now());
            ppSubmissions = be->stats().submissionsPerStep; // the prompt's last chunk
            addDelta(ppKernels, before);
        }
        if (n) {
            backend::TokenId tok = pick(rng);
            const auto before = be->stats().kernelMs;
            const auto a = Clock::now();
            // Greedy decoding as a session does it: the argmax is taken
            // where the logits are (on the GPU for Vulkan).
            for (int i = 0; i < n; ++i) {
                be->forwardTop(*state, {&tok, 1}, uint32_t(i), 1, best);
                tok = best.front().id;
            }
            tgMs += ms(a, Clock::now());
            dispatches = be->stats().dispatchesPerStep;
            tgSubmissions = be->stats().submissionsPerStep;
            barriers = be->stats().barriersPerStep;
            addDelta(tgKernels, before);
        }
    }
    const backend::BackendStats s = be->stats();
    // Weight bytes a decoded token reads: every tensor once, except an
    // untied token_embd, of which only the token's row is read (the output
    // projection is its own tensor then). The KV cache is not counted, so
    // the bandwidth below is a lower bound that grows less exact with -n.
    uint64_t bytesPerToken = 0;
    for (const gguf::TensorInfo& t : model->file.tensors())
        if (model->weights.tiedEmbeddings || &t != model->weights.tokenEmbd)
            bytesPerToken += t.nBytes;
    const double tgTps = tgMs > 0 ? n * reps * 1000.0 / tgMs : 0.0;
    nlohmann::json j{{"device", s.device.empty() ? be->name() : s.device},
                     {"backend", be->name()},
                     {"model", model->config.name.empty() ? args.positional()[0] : model->config.name},
                     {"file", args.positional()[0]},
                     {"matmul", args.value("--matmul").value_or("auto")},
                     {"pp_tokens", p},
                     {"pp_tps", ppMs > 0 ? p * reps * 1000.0 / ppMs : 0.0},
                     {"ttft_ms", p ? ppMs / reps : 0.0},
                     {"tg_tokens", n},
                     {"tg_tps", tgTps},
                     {"weight_bytes_per_token", bytesPerToken},
                     {"tg_weight_gbps", double(bytesPerToken) * tgTps / 1e9},
                     {"load_ms", loadMs},
                     {"vram_bytes", s.deviceBytes},
                     {"dispatches_per_token", dispatches},
                     {"submissions_per_token", tgSubmissions},
                     {"submissions_per_prompt_chunk", ppSubmissions},
                     {"barriers_per_token", barriers},
                     {"repetitions", reps}};
    if (profile) {
        for (auto& [k, v] : ppKernels)
            j["profile"]["pp_ms_per_run"][k] = v / reps;
        for (auto& [k, v] : tgKernels)
            j["profile"]["tg_ms_per_token"][k] = n ? v / (double(reps) * n) : 0.0;
    }
    if (args.flag("--json")) {
        out << j.dump() << "\n";
        return 0;
    }
    out << std::fixed << std::setprecision(2) << j["model"].get<std::string>() << " on " << be->name() << "\n"
        << "  prompt processing  pp" << p << ": " << j["pp_tps"].get<double>() << " tokens/s\n"
        << "  generation         tg" << n << ": " << j["tg_tps"].get<double>() << " tokens/s ("
        << j["tg_weight_gbps"].get<double>() << " GB/s of weights read)\n"
        << "  time to first token after " << p << " prompt tokens: " << j["ttft_ms"].get<double>() << " ms\n"
        << "  load " << loadMs << " ms, device memory " << (s.deviceBytes >> 20) << " MiB, " << dispatches
        << " dispatches and " << barriers << " barriers per token, " << tgSubmissions
        << " submission(s) per token and " << ppSubmissions << " per prompt chunk\n";
    if (profile)
        printProfile(out, ppKernels, tgKernels, reps, n, s.profileUnavailable);
    return 0;
}

} // namespace vela::cli
