// SearchResultsModel: full-text search hits over every conversation (titles,
// messages, reasoning), newest first, for the sidebar's search mode.
//
// Roles (names as QML sees them):
//   conversationId  qint64                                              (ConversationIdRole)
//   messageId       qint64   -1 for a title match                        (MessageIdRole)
//   title           QString  the conversation's title                    (TitleRole)
//   snippet         QString  rich text (HTML): the excerpt, HTML-escaped,
//                            with the matched terms in <b>; also Qt::DisplayRole (SnippetRole)
//   field           QString  "title" | "content" | "reasoning"           (FieldRole)
//   timeText        QString  the hit's time for the UI locale            (TimeTextRole)
#pragma once

#include "storage/types.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace vela::app {

class SearchResultsModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by ChatController")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    enum Roles {
        ConversationIdRole = Qt::UserRole + 1,
        MessageIdRole,
        TitleRole,
        SnippetRole,
        FieldRole,
        TimeTextRole,
    };
    Q_ENUM(Roles)

    explicit SearchResultsModel(QObject* parent = nullptr);

    int count() const { return int(hits_.size()); }
    void setHits(std::vector<storage::SearchHit> hits);
    void refreshLocalized();

    // The snippet as HTML: text escaped, open/close markers turned into <b>.
    static QString highlight(const QString& snippet, const QString& open, const QString& close);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void countChanged();

private:
    std::vector<storage::SearchHit> hits_;
};

} // namespace vela::app
