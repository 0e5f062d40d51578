#include "engine/engine_types.h"

namespace vela::app {

void registerEngineMetaTypes()
{
    // Registration is cheap and repeatable; doing it here rather than in a
    // static initializer keeps it working inside a static library, whose
    // unreferenced objects the linker would drop.
    qRegisterMetaType<BackendChoice>();
    qRegisterMetaType<LoadSettings>();
    qRegisterMetaType<LoadedModelInfo>();
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
