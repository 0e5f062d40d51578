// Elevation: the shade under a raised item (Theme's elevation levels).
// Qt 6.4's Quick has no drop shadow without Qt5Compat, so a level is a
// rounded rectangle of Theme.shadow offset `level` px down, drawn behind
// its parent (a child with a negative z is drawn below its parent).
import QtQuick

Rectangle {
    property int level: Theme.elevationRaised
    anchors.fill: parent
    anchors.topMargin: level
    anchors.bottomMargin: -level
    anchors.leftMargin: level > 1 ? -level / 2 : 0
    anchors.rightMargin: level > 1 ? -level / 2 : 0
    radius: parent.radius !== undefined ? parent.radius : Theme.radius
    color: Theme.shadow
    z: -1
}
