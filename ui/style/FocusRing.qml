// FocusRing: the ring a control draws around itself while it has keyboard
// focus (visualFocus: Tab, not a click), outside its background so it
// never covers the content. Theme.focusRingWidth, Theme.colors.focusRing
// (contrast checked by tst_ui_theme).
import QtQuick
import Vela.Ui

Rectangle {
    property Item control: parent
    property real controlRadius: Theme.radius
    anchors.fill: parent
    anchors.margins: -Theme.focusRingWidth - 1
    radius: controlRadius + Theme.focusRingWidth + 1
    color: "transparent"
    border.width: Theme.focusRingWidth
    border.color: Theme.colors.focusRing
    visible: control && control.visualFocus === true
}
