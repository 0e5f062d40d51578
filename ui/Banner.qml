// A message across the chat column with buttons for the way forward.
// Children become the buttons on the right.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

Rectangle {
    id: root
    property alias text: label.text
    property bool error: false
    default property alias buttons: buttonRow.data

    Layout.fillWidth: true
    Layout.leftMargin: 12
    Layout.rightMargin: 12
    implicitHeight: row.implicitHeight + 12
    radius: 6
    color: error ? Theme.colors.errorBackground : Theme.colors.noticeBackground

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.margins: 6
        Label {
            id: label
            objectName: "bannerText"
            wrapMode: Text.Wrap
            color: root.error ? Theme.colors.errorText : Theme.colors.text
            Layout.fillWidth: true
        }
        RowLayout { id: buttonRow }
    }
}
