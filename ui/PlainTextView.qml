// Read-only, selectable plain text in the message style: what MessageDelegate
// shows instead of MarkdownView for a message too long to lay out as
// Markdown (see MessageDelegate.previewLength).
import QtQuick

TextEdit {
    textFormat: TextEdit.PlainText
    readOnly: true
    selectByMouse: true
    wrapMode: TextEdit.Wrap
    color: Theme.text
    selectionColor: Theme.selection
    selectedTextColor: Theme.text
    font.pointSize: Theme.fontSize
}
