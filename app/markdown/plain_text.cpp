#include "markdown/plain_text.h"

#include "markdown/blocks.h"
#include "markdown/render.h"

#include <QStringList>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextList>
#include <QTextTable>

#include <algorithm>

namespace vela::markdown {

namespace {

// The text of one QTextBlock: link targets after their text, hard line
// breaks as LF, inline objects (images) dropped.
QString blockText(const QTextBlock& block)
{
    QString out;
    for (auto it = block.begin(); !it.atEnd(); ++it) {
        const QTextFragment f = it.fragment();
        if (!f.isValid())
            continue;
        QString t = f.text();
        t.replace(QChar::LineSeparator, u'\n');
        t.remove(QChar::ObjectReplacementCharacter);
        out += t;
        const QTextCharFormat cf = f.charFormat();
        if (cf.isAnchor()) {
            const QString href = cf.anchorHref();
            if (!href.isEmpty() && href != t && href != QStringLiteral("mailto:") + t)
                out += QStringLiteral(" (") + href + u')';
        }
    }
    return out;
}

class PlainWriter {
public:
    void block(const QTextBlock& b)
    {
        const QTextBlockFormat bf = b.blockFormat();
        const int quoteLevel = bf.intProperty(QTextFormat::BlockQuoteLevel);
        const QString quote = QStringLiteral("> ").repeated(quoteLevel);
        const bool code = bf.hasProperty(QTextFormat::BlockCodeLanguage) || bf.hasProperty(QTextFormat::BlockCodeFence);
        QString text = blockText(b);

        Kind kind = Kind::Paragraph;
        QString prefix;
        if (code) {
            kind = Kind::Code;
        } else if (QTextList* list = b.textList()) {
            kind = Kind::ListItem;
            const QTextListFormat lf = list->format();
            prefix = QString(2 * std::max(0, lf.indent() - 1), u' ');
            switch (lf.style()) {
            case QTextListFormat::ListDisc:
            case QTextListFormat::ListCircle:
            case QTextListFormat::ListSquare:
                prefix += QStringLiteral("- ");
                break;
            default:
                prefix += list->itemText(b) + u' ';
                break;
            }
            if (bf.marker() == QTextBlockFormat::MarkerType::Checked)
                prefix += QStringLiteral("[x] ");
            else if (bf.marker() == QTextBlockFormat::MarkerType::Unchecked)
                prefix += QStringLiteral("[ ] ");
        } else {
            if (text.trimmed().isEmpty())
                return; // thematic breaks, empty paragraphs
            prefix = QString(2 * bf.indent(), u' '); // a later paragraph of a list item
            if (bf.indent() > 0)
                kind = Kind::ListItem;
        }
        if (quoteLevel > 0 && kind == Kind::Paragraph)
            kind = Kind::Quote;

        const QString indent = QString(prefix.size(), u' ');
        QStringList lines = text.split(u'\n');
        for (qsizetype i = 0; i < lines.size(); ++i)
            lines[i] = quote + (i == 0 ? prefix : indent) + lines[i];
        add(kind, lines.join(u'\n'));
    }

    void table(QTextTable* table)
    {
        QStringList rows;
        for (int r = 0; r < table->rows(); ++r) {
            QStringList cells;
            for (int c = 0; c < table->columns(); ++c) {
                const QTextTableCell cell = table->cellAt(r, c);
                if (cell.column() != c) // the rest of a merged cell
                    continue;
                QStringList parts;
                for (auto it = cell.begin(); !it.atEnd(); ++it)
                    if (it.currentBlock().isValid())
                        parts << blockText(it.currentBlock());
                cells << parts.join(u' ');
            }
            rows << cells.join(u'\t');
        }
        add(Kind::Table, rows.join(u'\n'));
    }

    void frame(QTextFrame* frame)
    {
        for (auto it = frame->begin(); !it.atEnd(); ++it) {
            if (QTextFrame* child = it.currentFrame()) {
                if (auto* t = qobject_cast<QTextTable*>(child))
                    table(t);
                else
                    this->frame(child);
            } else if (it.currentBlock().isValid()) {
                block(it.currentBlock());
            }
        }
    }

    QString result() const { return out_; }

private:
    enum class Kind { Paragraph, ListItem, Code, Quote, Table };

    void add(Kind kind, const QString& text)
    {
        if (started_) {
            const bool tight =
                kind == previous_ && (kind == Kind::ListItem || kind == Kind::Code || kind == Kind::Quote);
            out_ += tight ? QStringLiteral("\n") : QStringLiteral("\n\n");
        }
        out_ += text;
        started_ = true;
        previous_ = kind;
    }

    QString out_;
    bool started_ = false;
    Kind previous_ = Kind::Paragraph;
};

QString prosePlainText(const QString& markdown)
{
    QTextDocument doc;
    importProse(doc, markdown);
    PlainWriter writer;
    writer.frame(doc.rootFrame());
    return writer.result();
}

} // namespace

QString toPlainText(QStringView markdown)
{
    QStringList parts;
    for (const Block& b : splitBlocks(markdown)) {
        if (b.kind == Block::Kind::Code) {
            parts << b.text;
        } else {
            const QString text = prosePlainText(b.text);
            if (!text.isEmpty())
                parts << text;
        }
    }
    return parts.join(QStringLiteral("\n\n"));
}

} // namespace vela::markdown
