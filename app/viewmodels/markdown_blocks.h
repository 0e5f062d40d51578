// The Markdown block model (app/markdown) as a QML type: vela_markdown does
// not depend on Qt Qml, so it is registered here, in the Vela.App module.
//   MarkdownBlocks { markdown: model.content; font: … }  // roles: kind, text, html, language, closed
#pragma once

#include "markdown/block_list_model.h"

#include <QtQml/qqmlregistration.h>

namespace vela::app {

class MarkdownBlocks : public markdown::BlockListModel {
    Q_OBJECT
    QML_ELEMENT
public:
    using BlockListModel::BlockListModel;
};

} // namespace vela::app
