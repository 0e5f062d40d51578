// Value types exchanged between the GUI thread and the inference worker.
//
// Everything that crosses the thread boundary in a queued signal is a plain
// copyable value registered with the meta-type system (registerEngineMetaTypes),
// so the GUI never touches engine objects. The result types are Q_GADGETs
// with MEMBER properties so that QML can read their fields directly.
#pragma once

#include "chat/role.h"
#include "runtime/defaults.h"
#include "runtime/model_description.h"
#include "runtime/stop_reason.h"
#include "sampling/sampler.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <cstdint>
#include <memory>
#include <optional>

namespace vela::tokenizer {
class Tokenizer;
}

namespace vela::app {

// Which backend a model is loaded on.
struct BackendChoice {
    Q_GADGET
public:
    enum class Kind {
        Auto,   // the best Vulkan device when one exists, else the CPU (as vela-cli --backend auto)
        Cpu,
        Vulkan, // fails with ErrorInfo::Kind::NoDevice when there is no Vulkan device
    };
    Q_ENUM(Kind)

    Kind kind = Kind::Auto;
    std::optional<uint32_t> device; // index from vulkan::listDevices(); default: chooseDefaultDevice()
    unsigned cpuThreads = 0;        // CPU backend; 0: one per hardware thread
};

// What loadModel() is asked to do; kept by the controller so reload() can
// repeat it after a lost device.
struct LoadSettings {
    QString path;
    BackendChoice backend;
    uint32_t contextSize = 0; // 0: runtime::defaultContextSize(the trained context), as vela-cli
};

// A loaded model, for the model view and the status bar: what the file is
// (runtime::describeGguf, the description the Models page and vela-cli show
// too) and how it was loaded. The file's facts are read through accessors,
// as Qt types for QML.
struct LoadedModelInfo {
    Q_GADGET
    Q_PROPERTY(QString name READ name)
    Q_PROPERTY(QString path MEMBER path)
    Q_PROPERTY(QString architecture READ architecture)
    Q_PROPERTY(qint64 parameters READ parameters)
    Q_PROPERTY(QString quantization READ quantization)
    Q_PROPERTY(qint64 fileBytes READ fileBytes)
    Q_PROPERTY(int contextSize MEMBER contextSize)
    Q_PROPERTY(int trainedContext READ trainedContext)
    Q_PROPERTY(QString backend MEMBER backend)
    Q_PROPERTY(QString device MEMBER device)
    Q_PROPERTY(qint64 vramBytes MEMBER vramBytes)
    Q_PROPERTY(bool thinkingCapable READ thinkingCapable)
    Q_PROPERTY(QString templateFamily READ templateFamily)
    Q_PROPERTY(double loadMs MEMBER loadMs)
public:
    runtime::ModelDescription description;
    QString path;
    int contextSize = 0;   // positions of the KV cache allocated for conversations
    QString backend;       // "cpu" or "vulkan"
    QString device;        // the Vulkan device's name, or "CPU (N threads)" (vela-cli, logs)
    int cpuThreads = 0;    // the CPU backend's threads; 0 on a GPU
    qint64 vramBytes = 0;  // device memory held (weights + KV cache); 0 on the CPU
    double loadMs = 0.0;

    QString name() const { return QString::fromStdString(description.name); }
    QString architecture() const { return QString::fromStdString(description.architecture); }
    qint64 parameters() const { return qint64(description.parameters); }
    QString quantization() const { return QString::fromStdString(description.quantization); }
    qint64 fileBytes() const { return qint64(description.fileBytes); }
    int trainedContext() const { return int(description.trainedContext); }
    bool thinkingCapable() const { return description.thinkingCapable(); }
    QString templateFamily() const { return QString::fromLatin1(chat::familyName(description.templateFamily)); }
    // Not for QML: the model's tokenizer, immutable and safe to use from any
    // thread (encode() is const and keeps no shared state), for
    // EngineController::countTokens.
    std::shared_ptr<const tokenizer::Tokenizer> tokenizer;
};

struct ErrorInfo {
    Q_GADGET
    Q_PROPERTY(Kind kind MEMBER kind)
    Q_PROPERTY(QString message MEMBER message)
public:
    enum class Kind {
        InvalidModel,      // the file is missing, unreadable or not a model Vela can run
        InvalidRequest,    // bad generate() input: no messages, sampling out of range, prompt too long
        NoModel,           // generate() with nothing loaded
        NoDevice,          // Vulkan was asked for but there is no (such) device
        OutOfDeviceMemory, // the weights or the KV cache do not fit in the GPU's memory
        DeviceLost,        // the GPU was reset or removed: the model is unloaded, reload() recovers
        Cancelled,         // a newer loadModel()/unloadModel() superseded this load
        Other,
    };
    Q_ENUM(Kind)

    Kind kind = Kind::Other;
    QString message; // for the user; names what failed
};

// One message of a conversation, as the GUI holds it.
struct ChatTurn {
    Q_GADGET
public:
    chat::Role role = chat::Role::User;
    QString content;
    QString reasoning; // an assistant turn's reasoning (empty: none)
};

struct ReplyOptions {
    bool thinking = true; // Qwen3 thinking mode; other templates ignore it
    // nullopt: the Qwen3 model card's preset for the mode (SamplingParams::thinking/nonThinking).
    std::optional<sampling::SamplingParams> sampling;
    int maxTokens = runtime::kDefaultReplyMaxTokens;
    // Plain completion (base models): no template, the prompt is the
    // turns' contents concatenated. Always used when the model has no chat template.
    bool completion = false;
};

enum class ReplyPhase { Reasoning, Answer };

// The runtime's: a reply ends as its session's generation did (Callback
// never reaches the app, whose token callback does not stop generation).
using runtime::StopReason;

// Live numbers for the status bar, sent a few times a second while a reply
// runs and once at its end.
struct ReplyStats {
    Q_GADGET
    Q_PROPERTY(int contextUsed MEMBER contextUsed)
    Q_PROPERTY(int contextSize MEMBER contextSize)
    Q_PROPERTY(int generatedTokens MEMBER generatedTokens)
    Q_PROPERTY(double tokensPerSecond MEMBER tokensPerSecond)
public:
    int contextUsed = 0; // positions of the KV cache holding the conversation
    int contextSize = 0;
    int generatedTokens = 0;
    double tokensPerSecond = 0.0;
};

struct ReplyResult {
    Q_GADGET
    Q_PROPERTY(QString reasoning MEMBER reasoning)
    Q_PROPERTY(QString content MEMBER content)
    Q_PROPERTY(QString stopReason READ stopReasonText)
    Q_PROPERTY(int promptTokens MEMBER promptTokens)
    Q_PROPERTY(int reusedTokens MEMBER reusedTokens)
    Q_PROPERTY(int droppedMessages MEMBER droppedMessages)
    Q_PROPERTY(int generatedTokens MEMBER generatedTokens)
    Q_PROPERTY(double tokensPerSecond MEMBER tokensPerSecond)
    Q_PROPERTY(double promptMs MEMBER promptMs)
    Q_PROPERTY(double reasoningMs MEMBER reasoningMs)
    Q_PROPERTY(double answerMs MEMBER answerMs)
    Q_PROPERTY(int contextUsed MEMBER contextUsed)
    Q_PROPERTY(int contextSize MEMBER contextSize)
public:
    QString reasoning;
    QString content;
    StopReason stopReason = StopReason::MaxTokens;
    int promptTokens = 0;    // of the rendered prompt
    int reusedTokens = 0;    // of which came from the previous turn's cache
    int droppedMessages = 0; // left out because the conversation outgrew the context
    int generatedTokens = 0;
    double tokensPerSecond = 0.0;
    double promptMs = 0.0;
    double reasoningMs = 0.0;
    double answerMs = 0.0;
    int contextUsed = 0;
    int contextSize = 0;

    // runtime::stopReasonName: "eos", "max_tokens", "stopped", "context_full".
    QString stopReasonText() const { return QString::fromLatin1(runtime::stopReasonName(stopReason)); }
};

// Registers every type above for queued connections and QVariant. Called
// by EngineController's constructor; idempotent.
void registerEngineMetaTypes();

} // namespace vela::app

Q_DECLARE_METATYPE(vela::app::BackendChoice)
Q_DECLARE_METATYPE(vela::app::LoadSettings)
Q_DECLARE_METATYPE(vela::app::LoadedModelInfo)
Q_DECLARE_METATYPE(vela::app::ErrorInfo)
Q_DECLARE_METATYPE(vela::app::ChatTurn)
Q_DECLARE_METATYPE(vela::app::ReplyOptions)
Q_DECLARE_METATYPE(vela::app::ReplyPhase)
Q_DECLARE_METATYPE(vela::runtime::StopReason)
Q_DECLARE_METATYPE(vela::app::ReplyStats)
Q_DECLARE_METATYPE(vela::app::ReplyResult)
