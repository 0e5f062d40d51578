// Asks before a link in a message leaves the app for the browser (or the
// mail program), showing the address it really goes to: a reply is
// untrusted text, and a link's words may name another place than its
// target. Only links Links.canOpen accepts (web and mail) get here.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vela.App

Dialog {
    id: root
    property string link

    title: qsTr("Open this link?")
    modal: true
    parent: Overlay.overlay
    anchors.centerIn: parent
    width: Math.min(520, parent ? parent.width - 40 : 520)

    ColumnLayout {
        width: root.availableWidth
        spacing: Theme.spacingS
        Label {
            text: qsTr("It opens outside Vela, in your browser or mail program:")
            color: Theme.colors.text
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            objectName: "linkAddress"
            text: root.link
            textFormat: Text.PlainText
            color: Theme.colors.text
            font.family: Theme.monoFamily
            wrapMode: Text.WrapAnywhere
            Layout.fillWidth: true
        }
    }
    footer: DialogButtonBox {
        Button {
            objectName: "linkCancelButton"
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
        Button {
            objectName: "linkOpenButton"
            text: qsTr("Open")
            highlighted: true
            DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
        }
    }
    onAccepted: Links.open(root.link)
}
