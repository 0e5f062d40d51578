// Read-only, selectable plain text in the message style: what MessageDelegate
// shows instead of MarkdownView for a message too long to lay out as
// Markdown (see MessageDelegate.previewLength).
import QtQuick

TextEdit {
    textFormat: TextEdit.PlainText
    readOnly: true
    selectByMouse: true
    wrapMode: TextEdit.Wrap
    color: Theme.colors.text
    selectionColor: Theme.colors.selection
    selectedTextColor: Theme.colors.text
    font.pointSize: Theme.fontSize
}
