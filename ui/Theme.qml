// Theme: Vela's design system — palettes, spacing, radii, type scale,
// elevation and state colors — the one place views take them from.
// Main.qml sets `dark`, `highContrast` and `fontSize` from App.settings;
// views only read. Colors come as `Theme.colors.<role>` (ThemePalette.qml
// documents the roles).
pragma Singleton
import QtQuick

QtObject {
    id: theme
    property bool dark: false
    property bool highContrast: false
    // The body text size in points (AppSettings::fontSize: the system's
    // font size until the user picks another).
    property int fontSize: 11

    // ---- palettes
    readonly property ThemePalette lightPalette: ThemePalette {
        window: "#ffffff"; sidebar: "#f4f5f7"; surface: "#eef1f6"; userBubble: "#e3ecfb"
        selection: "#dbe6fb"; codeBackground: "#f6f8fa"; reasoningBackground: "#f7f7f9"
        errorBackground: "#fde8e8"; noticeBackground: "#e8f0fe"; highlight: "#fff3b0"
        text: "#1d1d1f"; subtleText: "#5d6168"; border: "#d9dce1"; errorText: "#9b1c1c"; link: "#1f55c4"
        accent: "#2962d9"; accentText: "#ffffff"; focusRing: "#2962d9"
        hover: "#0f000000"; pressed: "#1f000000"
        codeKeyword: "#cf222e"; codeString: "#0a3069"; codeComment: "#57606a"; codeNumber: "#0550ae"
        codeTitle: "#6639ba"; codeType: "#953800"; codeBuiltin: "#116329"; codeMeta: "#7d4e00"
    }
    readonly property ThemePalette darkPalette: ThemePalette {
        window: "#1e1f22"; sidebar: "#17181a"; surface: "#2b2d31"; userBubble: "#2f3b52"
        selection: "#34405a"; codeBackground: "#141517"; reasoningBackground: "#24262a"
        errorBackground: "#4a2326"; noticeBackground: "#25344d"; highlight: "#5c4a00"
        text: "#e6e6e6"; subtleText: "#b0b3b8"; border: "#3a3c42"; errorText: "#ffb4b4"; link: "#8cb4ff"
        accent: "#3f6fd1"; accentText: "#ffffff"; focusRing: "#8cb4ff"
        hover: "#14ffffff"; pressed: "#26ffffff"
        codeKeyword: "#ff7b72"; codeString: "#a5d6ff"; codeComment: "#8b949e"; codeNumber: "#79c0ff"
        codeTitle: "#d2a8ff"; codeType: "#ffa657"; codeBuiltin: "#7ee787"; codeMeta: "#e3b341"
    }
    // High contrast: black on white (or white on black), every line and
    // focus ring at full contrast, states drawn strongly.
    readonly property ThemePalette highContrastLightPalette: ThemePalette {
        window: "#ffffff"; sidebar: "#ffffff"; surface: "#ffffff"; userBubble: "#e6eeff"
        selection: "#c9dafc"; codeBackground: "#f2f2f2"; reasoningBackground: "#f2f2f2"
        errorBackground: "#ffe5e5"; noticeBackground: "#e6eeff"; highlight: "#ffe94d"
        text: "#000000"; subtleText: "#1f1f1f"; border: "#000000"; errorText: "#7a0000"; link: "#0030a0"
        accent: "#0030a0"; accentText: "#ffffff"; focusRing: "#000000"
        hover: "#26000000"; pressed: "#40000000"
        codeKeyword: "#8b0000"; codeString: "#004000"; codeComment: "#3d3d3d"; codeNumber: "#00008b"
        codeTitle: "#5a0080"; codeType: "#6b3000"; codeBuiltin: "#004d4d"; codeMeta: "#4d3800"
    }
    readonly property ThemePalette highContrastDarkPalette: ThemePalette {
        window: "#000000"; sidebar: "#000000"; surface: "#000000"; userBubble: "#10204a"
        selection: "#1f3a80"; codeBackground: "#0d0d0d"; reasoningBackground: "#0d0d0d"
        errorBackground: "#3d0000"; noticeBackground: "#10204a"; highlight: "#5c4a00"
        text: "#ffffff"; subtleText: "#e0e0e0"; border: "#ffffff"; errorText: "#ffc2c2"; link: "#a8c8ff"
        accent: "#ffd84d"; accentText: "#000000"; focusRing: "#ffd84d"
        hover: "#33ffffff"; pressed: "#4dffffff"
        codeKeyword: "#ff9e9e"; codeString: "#b5f5b5"; codeComment: "#d0d0d0"; codeNumber: "#9ecbff"
        codeTitle: "#e5c2ff"; codeType: "#ffc58a"; codeBuiltin: "#8ff0f0"; codeMeta: "#ffe680"
    }
    readonly property ThemePalette colors: highContrast ? (dark ? highContrastDarkPalette : highContrastLightPalette)
                                                         : (dark ? darkPalette : lightPalette)
    readonly property var palettes: ({ "light": lightPalette, "dark": darkPalette,
                                       "highContrastLight": highContrastLightPalette,
                                       "highContrastDark": highContrastDarkPalette })

    // Which text or control color is drawn on which background, and the
    // WCAG 2.1 minimum it needs: 4.5 for text (1.4.3), 3 for focus rings
    // and the accent as a control's fill (1.4.11). Checked by tst_theme.
    readonly property var contrastPairs: [
        { fg: "text", bg: "window", min: 4.5 }, { fg: "text", bg: "sidebar", min: 4.5 },
        { fg: "text", bg: "surface", min: 4.5 }, { fg: "text", bg: "userBubble", min: 4.5 },
        { fg: "text", bg: "selection", min: 4.5 }, { fg: "text", bg: "codeBackground", min: 4.5 },
        { fg: "text", bg: "reasoningBackground", min: 4.5 }, { fg: "text", bg: "noticeBackground", min: 4.5 },
        { fg: "text", bg: "highlight", min: 4.5 }, { fg: "text", bg: "errorBackground", min: 4.5 },
        { fg: "subtleText", bg: "window", min: 4.5 }, { fg: "subtleText", bg: "sidebar", min: 4.5 },
        { fg: "subtleText", bg: "surface", min: 4.5 }, { fg: "subtleText", bg: "selection", min: 4.5 },
        { fg: "subtleText", bg: "reasoningBackground", min: 4.5 }, { fg: "subtleText", bg: "codeBackground", min: 4.5 },
        { fg: "errorText", bg: "errorBackground", min: 4.5 }, { fg: "errorText", bg: "window", min: 4.5 },
        { fg: "errorText", bg: "surface", min: 4.5 }, // a misspelled word in the composer
        { fg: "link", bg: "window", min: 4.5 }, { fg: "link", bg: "userBubble", min: 4.5 },
        { fg: "accentText", bg: "accent", min: 4.5 },
        { fg: "accent", bg: "window", min: 3 }, { fg: "focusRing", bg: "window", min: 3 },
        { fg: "focusRing", bg: "sidebar", min: 3 }, { fg: "focusRing", bg: "surface", min: 3 },
        // Highlighted code is text: every token colour at 4.5 on the code background.
        { fg: "codeKeyword", bg: "codeBackground", min: 4.5 }, { fg: "codeString", bg: "codeBackground", min: 4.5 },
        { fg: "codeComment", bg: "codeBackground", min: 4.5 }, { fg: "codeNumber", bg: "codeBackground", min: 4.5 },
        { fg: "codeTitle", bg: "codeBackground", min: 4.5 }, { fg: "codeType", bg: "codeBackground", min: 4.5 },
        { fg: "codeBuiltin", bg: "codeBackground", min: 4.5 }, { fg: "codeMeta", bg: "codeBackground", min: 4.5 }
    ]

    // ---- spacing: a 4 px grid
    readonly property int spacingXs: 4
    readonly property int spacingS: 8
    readonly property int spacingM: 12
    readonly property int spacingL: 16
    readonly property int spacingXl: 24
    readonly property int spacing: spacingS // between related items

    // ---- radii
    readonly property int radiusSmall: 4   // chips, inline code, focus rings of small controls
    readonly property int radius: 8        // cards, bubbles, fields
    readonly property int radiusLarge: 12  // dialogs, the composer

    // ---- type scale, in points, relative to the body size
    readonly property int captionSize: fontSize - 2   // times, statistics, labels under controls
    readonly property int smallSize: fontSize - 1     // secondary lines
    readonly property int titleSize: fontSize + 2     // a dialog's or page's section titles
    readonly property int subtitleSize: fontSize + 3  // the header's conversation title
    readonly property int headlineSize: fontSize + 6  // first run, empty states
    readonly property string monoFamily: "monospace"
    // Material Icons, from the resources (Icon.qml).
    readonly property FontLoader iconFont: FontLoader { source: "qrc:/vela/fonts/MaterialIcons-Regular.ttf" }
    readonly property string iconFamily: iconFont.name

    // ---- elevation: Qt 6.4's Quick has no shadow effect without
    // Qt5Compat, so a level is an outline plus a soft offset shade drawn
    // below the item (Elevation.qml).
    readonly property color shadow: dark ? "#66000000" : "#26000000"
    readonly property int elevationRaised: 1   // cards, the composer (offset in px)
    readonly property int elevationOverlay: 4  // menus, popups, dialogs

    // ---- focus
    readonly property int focusRingWidth: 2
}
