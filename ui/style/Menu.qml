// Menu: a raised, rounded list of MenuItems.
import QtQuick
import QtQuick.Controls
import QtQuick.Templates as T
import Vela.Ui

T.Menu {
    id: control
    implicitWidth: Math.max(implicitBackgroundWidth + leftInset + rightInset,
                            contentWidth + leftPadding + rightPadding)
    implicitHeight: Math.max(implicitBackgroundHeight + topInset + bottomInset,
                             contentHeight + topPadding + bottomPadding)
    margins: 0
    overlap: 1
    padding: Theme.spacingXs

    delegate: MenuItem { }
    contentItem: ListView {
        implicitHeight: contentHeight
        model: control.contentModel
        interactive: Window.window ? contentHeight + control.topPadding + control.bottomPadding > Window.window.height : false
        clip: true
        currentIndex: control.currentIndex
        ScrollIndicator.vertical: ScrollIndicator {}
    }
    background: Rectangle {
        implicitWidth: 200
        implicitHeight: 36
        color: Theme.colors.window
        border.color: Theme.colors.border
        radius: Theme.radius
        Elevation { level: Theme.elevationOverlay }
    }
    T.Overlay.modal: Rectangle { color: Theme.shadow }
}
