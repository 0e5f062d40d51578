// TextArea: transparent by default (the composer and the editors draw their
// own surface), with the theme's text, selection and placeholder colors.
import QtQuick
import QtQuick.Templates as T
import Vela.Ui

T.TextArea {
    id: control
    implicitWidth: Math.max(contentWidth + leftPadding + rightPadding,
                            implicitBackgroundWidth + leftInset + rightInset,
                            placeholder.implicitWidth + leftPadding + rightPadding)
    implicitHeight: Math.max(contentHeight + topPadding + bottomPadding,
                             implicitBackgroundHeight + topInset + bottomInset,
                             placeholder.implicitHeight + topPadding + bottomPadding)
    padding: Theme.spacingS
    color: Theme.colors.text
    selectionColor: Theme.colors.selection
    selectedTextColor: Theme.colors.text
    placeholderTextColor: Theme.colors.subtleText
    selectByMouse: true

    Text {
        id: placeholder
        x: control.leftPadding
        y: control.topPadding
        width: control.width - (control.leftPadding + control.rightPadding)
        height: control.height - (control.topPadding + control.bottomPadding)
        text: control.placeholderText
        font: control.font
        color: control.placeholderTextColor
        verticalAlignment: control.verticalAlignment
        visible: !control.length && !control.preeditText && (!control.activeFocus || control.horizontalAlignment !== Qt.AlignHCenter)
        elide: Text.ElideRight
        wrapMode: Text.Wrap
        renderType: control.renderType
    }
}
