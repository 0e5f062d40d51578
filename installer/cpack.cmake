# CPack: a Debian package of vela and vela-cli.
#
# Dependencies: the shared libraries the binaries link are found by
# dpkg-shlibdeps (CPACK_DEBIAN_PACKAGE_SHLIBDEPS); what is loaded at run time
# instead of linked is listed by hand: the QML modules the UI imports, Qt's
# platform plugins, OpenSSL for the TLS backend Qt Network loads (model
# downloads), and a Vulkan driver (lavapipe as the fallback when the
# computer has no GPU driver; a GPU's own driver is preferred when present).
set(CPACK_PACKAGE_NAME "vela")
set(CPACK_PACKAGE_VENDOR "Vela Developers")
set(CPACK_PACKAGE_CONTACT "Vela Developers <vela@example.invalid>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Private, offline desktop chat with local Qwen3 models")
set(CPACK_PACKAGE_HOMEPAGE_URL ${PROJECT_HOMEPAGE_URL})
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_STRIP_FILES ON)
if(WIN32)
  # installer/windows/deploy.ps1 runs windeployqt into the install tree first.
  set(CPACK_GENERATOR NSIS)
  set(CPACK_NSIS_DISPLAY_NAME "Vela")
  set(CPACK_NSIS_PACKAGE_NAME "Vela")
  set(CPACK_NSIS_CREATE_ICONS_EXTRA "CreateShortCut '$SMPROGRAMS\\$STARTMENU_FOLDER\\Vela.lnk' '$INSTDIR\\bin\\vela.exe'")
  set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
elseif(APPLE)
  # installer/macos/deploy.sh runs macdeployqt on the bundle first.
  set(CPACK_GENERATOR DragNDrop)
  set(CPACK_DMG_VOLUME_NAME "Vela")
else()
  set(CPACK_GENERATOR DEB)
  set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
endif()

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # vela_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION "utils")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
# The synopsis is CPACK_PACKAGE_DESCRIPTION_SUMMARY; this is the long text.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
  "Vela runs Qwen3 and Qwen2.5 language models (GGUF files) on the computer's
 own GPU through its Vulkan inference engine, or on the CPU. Conversations stay
 on the machine in a local database with full-text search. English and Spanish
 user interface. Includes vela-cli, the engine's command-line front end.")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
  "qml6-module-qtquick, qml6-module-qtquick-controls, qml6-module-qtquick-layouts, \
qml6-module-qtquick-window, qml6-module-qtquick-templates, qml6-module-qtquick-dialogs, \
qml6-module-qtqml-workerscript, qt6-qpa-plugins, libvulkan1, libssl3")
# Spell checking uses the system dictionaries and does nothing without them.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "mesa-vulkan-drivers, hunspell-en-us, hunspell-es")
include(CPack)
