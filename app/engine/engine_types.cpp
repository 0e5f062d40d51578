#include "engine/engine_types.h"

namespace vela::app {

QString stopReasonName(StopReason reason)
{
    switch (reason) {
    case StopReason::EndOfGeneration: return QStringLiteral("eog");
    case StopReason::MaxTokens: return QStringLiteral("max");
    case StopReason::Stopped: return QStringLiteral("stopped");
    case StopReason::ContextFull: return QStringLiteral("context-full");
    }
    return QStringLiteral("?");
}

void registerEngineMetaTypes()
{
    // Registration is cheap and repeatable; doing it here rather than in a
    // static initializer keeps it working inside a static library, whose
    // unreferenced objects the linker would drop.
    qRegisterMetaType<BackendChoice>();
    qRegisterMetaType<LoadSettings>();
    qRegisterMetaType<ModelInfo>();
    qRegisterMetaType<ErrorInfo>();
    qRegisterMetaType<ChatTurn>();
    qRegisterMetaType<QList<ChatTurn>>();
    qRegisterMetaType<ReplyOptions>();
    qRegisterMetaType<ReplyPhase>();
    qRegisterMetaType<StopReason>();
    qRegisterMetaType<ReplyStats>();
    qRegisterMetaType<ReplyResult>();
}

} // namespace vela::app
