// The blocks of one chat message as a list model for the QML chat view.
//
// Set `markdown` (the whole message text, again on every streamed delta); the
// model splits it (splitBlocks(), incrementally while the text only grows)
// and reports the difference as fine-grained changes, never as a reset, so
// QML delegates survive streaming and do not flicker:
//  * leading blocks that did not change get no signal at all;
//  * a block that changed in place (the growing last prose or code block, a
//    code block whose closing fence arrived) gets dataChanged, with the roles
//    that changed;
//  * new blocks are inserted (beginInsertRows), vanished ones removed
//    (beginRemoveRows);
//  * a row whose kind changed (e.g. a reply that starts with "```": "`" is
//    prose until the third backtick arrives) is removed and inserted again,
//    since a delegate chosen by kind cannot turn into another one.
//
// Roles (names as QML sees them):
//   kind      "prose" or "code"                                  (KindRole)
//   text      prose: the block's Markdown;                       (TextRole, also Qt::DisplayRole)
//             code: the code itself, exactly what Copy copies
//   html      prose: the block as rich text for Text.RichText,   (HtmlRole)
//             rendered for `font` without raw HTML (render.h); code: ""
//   language  code: the fence's language ("python"), or ""       (LanguageRole)
//   closed    code: false while the closing fence has not come   (ClosedRole)
//
// Rich text is rendered when a view first asks for a row's html, and again
// only for rows whose text changed (or for all when `font` changes).
//
// Sketch of the delegate (the lead registers the type; QML_ELEMENT is not
// used here so the library does not depend on Qt Qml):
//   Repeater {
//       model: BlockListModel { markdown: message.content }
//       delegate: DelegateChooser {
//           role: "kind"
//           DelegateChoice { roleValue: "prose"; Text { textFormat: Text.RichText; text: model.html } }
//           DelegateChoice { roleValue: "code"; CodeBlock { code: model.text; language: model.language } }
//       }
//   }
#pragma once

#include "markdown/blocks.h"

#include <QAbstractListModel>
#include <QFont>
#include <QString>

#include <optional>
#include <vector>

namespace vela::markdown {

class BlockListModel : public QAbstractListModel {
    Q_OBJECT
    Q_PROPERTY(QString markdown READ markdown WRITE setMarkdown NOTIFY markdownChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    // The prose view's default font (see proseHtml()).
    Q_PROPERTY(QFont font READ font WRITE setFont NOTIFY fontChanged)

public:
    enum Role {
        KindRole = Qt::UserRole + 1,
        TextRole,
        LanguageRole,
        ClosedRole,
        HtmlRole,
    };
    Q_ENUM(Role)

    explicit BlockListModel(QObject* parent = nullptr);

    QString markdown() const { return splitter_.text(); }
    void setMarkdown(const QString& markdown);

    QFont font() const { return font_; }
    void setFont(const QFont& font);

    int count() const { return int(blocks_.size()); }
    const std::vector<Block>& blocks() const { return blocks_; }

    // The whole message as plain text (see plain_text.h).
    Q_INVOKABLE QString plainText() const;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void markdownChanged();
    void countChanged();
    void fontChanged();

private:
    const QString& html(std::size_t row) const;

    BlockSplitter splitter_;
    std::vector<Block> blocks_;
    QFont font_;
    // Per row: the rendered rich text, once asked for (prose rows only).
    mutable std::vector<std::optional<QString>> html_;
};

} // namespace vela::markdown
