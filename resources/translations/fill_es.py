#!/usr/bin/env python3
"""Fills vela_es.ts from the table below (run after `cmake --build build
--target vela_lupdate` added new strings; the test tst_translations then
checks that nothing is left unfinished). Strings not in the table stay
unfinished, and the script lists them."""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ES = {
    'Reading the conversation: %1 / %2 tokens': 'Leyendo la conversación: %1 / %2 tokens',
    'Opening the model': 'Abriendo el modelo',
    'Reading the vocabulary': 'Leyendo el vocabulario',
    'Loading the weights': 'Cargando los pesos',
    'Uploading the weights': 'Subiendo los pesos',
    'Allocating the context': 'Reservando el contexto',
    'Version %1': 'Versión %1',
    'Private, offline chat with language models that run on this computer.': 'Chat privado y sin conexión con modelos de lenguaje que se ejecutan en este ordenador.',
    'Licenses': 'Licencias',
    'Paused — %1 % downloaded': 'En pausa — %1 % descargado',
    'Paused — %1 downloaded': 'En pausa — %1 descargados',
    'MIT (see LICENSE)': 'MIT (ver LICENSE)',
    'Unicode License': 'Licencia Unicode',
    'Public domain': 'Dominio público',
    'Vulkan loader': 'Cargador de Vulkan',
    'Mesa (when lavapipe is used)': 'Mesa (cuando se usa lavapipe)',
    'Welcome to Vela': 'Bienvenido a Vela',
    'Vela answers with a language model: a single file (GGUF) that runs on this computer. Nothing you write leaves it. Download a recommended model or import one you already have.': 'Vela responde con un modelo de lenguaje: un único archivo (GGUF) que se ejecuta en este ordenador. Nada de lo que escribes sale de él. Descarga un modelo recomendado o importa uno que ya tengas.',
    'Browse recommended models': 'Ver modelos recomendados',
    'Import a GGUF file…': 'Importar un archivo GGUF…',
    'Choose a model': 'Elige un modelo',
    'Models': 'Modelos',
    'Fit for: %1': 'Cabe en: %1',
    'Library': 'Biblioteca',
    'Recommended': 'Recomendados',
    'Folder: %1': 'Carpeta: %1',
    'Cancel import': 'Cancelar la importación',
    'No models yet. Import a GGUF file or download a recommended model.': 'Aún no hay modelos. Importa un archivo GGUF o descarga un modelo recomendado.',
    'Default': 'Predeterminado',
    'Loaded': 'Cargado',
    'Load': 'Cargar',
    'Set as default': 'Usar como predeterminado',
    'Delete…': 'Eliminar…',
    'context %1': 'contexto %1',
    'template: %1': 'plantilla: %1',
    'Cannot be loaded: %1': 'No se puede cargar: %1',
    'In the library': 'En la biblioteca',
    'checksum not yet published — download disabled': 'suma de verificación aún no publicada — descarga desactivada',
    'Retry': 'Reintentar',
    'Download': 'Descargar',
    'Pause': 'Pausar',
    'Resume': 'Reanudar',
    'Delete the model?': '¿Eliminar el modelo?',
    'Import a GGUF file': 'Importar un archivo GGUF',
    'Copy the file into the library': 'Copiar el archivo a la biblioteca',
    'Link to the file where it is (no copy)': 'Enlazar el archivo donde está (sin copiar)',
    'Models…': 'Modelos…',
    'About Vela': 'Acerca de Vela',
    'about %1': 'unos %1',
    '%1/s': '%1/s',
    '%n second(s) left': ('queda %n segundo', 'quedan %n segundos'),
    '%n minute(s) left': ('queda %n minuto', 'quedan %n minutos'),
    'base model: completion only': 'modelo base: solo completado',
    'Fits': 'Cabe',
    'Fits with shorter context (%1)': 'Cabe con un contexto más corto (%1)',
    'Too large': 'Demasiado grande',
    'Estimated %1': 'Estimado %1',
    'Measured %1': 'Medido %1',
    '%1 (%2 available)': '%1 (%2 disponibles)',
    '“%1” is outside the library (%2): only the entry is removed, the file stays where it is.': '«%1» está fuera de la biblioteca (%2): solo se quita la entrada, el archivo se queda donde está.',
    'The file “%1” will be deleted from the library folder.': 'El archivo «%1» se eliminará de la carpeta de la biblioteca.',
    'Removed “%1” from the library; the file was kept.': 'Se quitó «%1» de la biblioteca; el archivo se conservó.',
    'Deleted “%1”.': 'Se eliminó «%1».',
    'Imported “%1”.': 'Se importó «%1».',
    'The import was cancelled.': 'Se canceló la importación.',
    'Could not import the model: %1': 'No se pudo importar el modelo: %1',
    "%1 in prompt": "%1 en el prompt",
    "%1 tokens": "%1 tokens",
    "%1 tok/s": "%1 tok/s",
    "%n interrupted reply(s) were kept and marked as stopped.":
        ("%n respuesta interrumpida se conservó y se marcó como detenida.",
         "%n respuestas interrumpidas se conservaron y se marcaron como detenidas."),
    "%n token(s)": ("%n token", "%n tokens"),
    "All files (*)": "Todos los archivos (*)",
    "Answer language": "Idioma de las respuestas",
    "Auto": "Automático",
    "Automatic": "Automática",
    "CPU only": "Solo CPU",
    "Cancel": "Cancelar",
    "Choose a model…": "Elegir un modelo…",
    "Choose another model file (a Qwen3 GGUF).": "Elige otro archivo de modelo (un GGUF de Qwen3).",
    "Choose…": "Elegir…",
    "Close": "Cerrar",
    "Context %1 / %2": "Contexto %1 / %2",
    "Context length": "Longitud de contexto",
    "Conversation settings": "Ajustes de la conversación",
    "Conversations": "Conversaciones",
    "Copied": "Copiado",
    "Copy": "Copiar",
    "Could not read %1: %2": "No se pudo leer %1: %2",
    "Could not write %1: %2": "No se pudo escribir %1: %2",
    "Dark": "Oscuro",
    "Data folder": "Carpeta de datos",
    "Default model": "Modelo predeterminado",
    "Delete": "Eliminar",
    "Deleted “%1”": "Se eliminó «%1»",
    "Dismiss": "Cerrar",
    "Edit": "Editar",
    "Everything stays on this computer.": "Todo se queda en este ordenador.",
    "Export": "Exportar",
    "Export all…": "Exportar todo…",
    "Exported to %1.": "Exportado a %1.",
    "Export…": "Exportar…",
    "Failed: %1": "Error: %1",
    "Font size": "Tamaño de letra",
    "Frequency penalty": "Penalización por frecuencia",
    "GGUF models (*.gguf)": "Modelos GGUF (*.gguf)",
    "GPU": "GPU",
    "GPU: %1": "GPU: %1",
    "Import conversations": "Importar conversaciones",
    "Imported %n conversation(s).": ("Se importó %n conversación.", "Se importaron %n conversaciones."),
    "Import…": "Importar…",
    "JSON (*.json)": "JSON (*.json)",
    "Language": "Idioma",
    "Let the model reason before it answers": "Deja que el modelo razone antes de responder",
    "Light": "Claro",
    "Load a model": "Cargar un modelo",
    "Load a model to start chatting.": "Carga un modelo para empezar a conversar.",
    "Load model…": "Cargar modelo…",
    "Loading model…": "Cargando el modelo…",
    "Markdown (*.md)": "Markdown (*.md)",
    "Markdown with reasoning (*.md)": "Markdown con razonamiento (*.md)",
    "Max tokens": "Máximo de tokens",
    "Message Vela (Enter to send, Shift+Enter for a new line)":
        "Escribe a Vela (Intro para enviar, Mayús+Intro para una línea nueva)",
    "Min-p": "Min-p",
    "New chat": "Nueva conversación",
    "No conversations yet": "Aún no hay conversaciones",
    "No matches": "Sin resultados",
    "No model loaded": "Ningún modelo cargado",
    "No usable GPU was found. Run the model on the CPU instead.":
        "No se encontró una GPU utilizable. Ejecuta el modelo en la CPU.",
    "None": "Ninguno",
    "Pin": "Fijar",
    "Pinned": "Fijadas",
    "Plain completion (base models)": "Completado simple (modelos base)",
    "Presence penalty": "Penalización por presencia",
    "Reasoning": "Razonamiento",
    "Recent": "Recientes",
    "Regenerate": "Regenerar",
    "Reload": "Recargar",
    "Rename": "Renombrar",
    "Repeat penalty": "Penalización por repetición",
    "Reset to presets": "Volver a los valores predefinidos",
    "Restore latest backup": "Restaurar la última copia de seguridad",
    "Sampling": "Muestreo",
    "Search all conversations": "Buscar en todas las conversaciones",
    "Send": "Enviar",
    "Settings": "Ajustes",
    "Show finished reasoning collapsed": "Mostrar el razonamiento terminado contraído",
    "Stop": "Detener",
    "Stopped": "Detenida",
    "System": "Sistema",
    "System prompt": "Prompt del sistema",
    "Temperature": "Temperatura",
    "The GPU ran out of memory. Try a smaller model or context, or run on the CPU.":
        "La GPU se quedó sin memoria. Prueba un modelo o un contexto más pequeño, o usa la CPU.",
    "The GPU stopped responding. Reload the model to continue, run it on the CPU, or choose another GPU in Settings.":
        "La GPU dejó de responder. Recarga el modelo para continuar, ejecútalo en la CPU o elige otra GPU en Ajustes.",
    "The message is too long for this model: it needs %1 tokens, and %2 of the context's %3 are free for it. Shorten it, or raise the context length in the conversation settings.":
        "El mensaje es demasiado largo para este modelo: necesita %1 tokens, y de los %3 del contexto tiene %2 libres. "
        "Acórtalo o aumenta la longitud de contexto en los ajustes de la conversación.",
    "Showing the first %1 of %2 characters. Copy takes the whole message.":
        "Se muestran los primeros %1 de %2 caracteres. Copiar copia el mensaje entero.",
    "Loading was cancelled.": "Se canceló la carga.",
    "Out of memory.": "No queda memoria.",
    "Unknown error.": "Error desconocido.",
    "The engine has been shut down.": "El motor se ha detenido.",
    "Ready": "Listo",
    "No model is loaded.": "No hay ningún modelo cargado.",
    "The conversation database was damaged. It was kept aside at %1 and a new one was started.":
        "La base de datos de conversaciones estaba dañada. Se guardó aparte en %1 y se empezó una nueva.",
    "The conversation database was damaged. It was kept aside at %1 and a new one was started. You can restore the latest backup.":
        "La base de datos de conversaciones estaba dañada. Se guardó aparte en %1 y se empezó una nueva. "
        "Puedes restaurar la última copia de seguridad.",
    "The latest backup was restored.": "Se restauró la última copia de seguridad.",
    "The model is loading…": "El modelo se está cargando…",
    "The reply failed: %1": "La respuesta falló: %1",
    "Theme": "Tema",
    "Thinking": "Razonar",
    "Thinking…": "Pensando…",
    "Thinking… %n s": ("Pensando… %n s", "Pensando… %n s"),
    "This model cannot switch thinking on and off": "Este modelo no permite activar ni desactivar el razonamiento",
    "Thought for %n s": ("Pensó durante %n s", "Pensó durante %n s"),
    "Thoughts": "Razonamiento",
    "Top-k": "Top-k",
    "Top-p": "Top-p",
    "Try loading the model again.": "Intenta cargar el modelo de nuevo.",
    "Undo": "Deshacer",
    "Unpin": "Desfijar",
    "Use the CPU": "Usar la CPU",
    "VRAM %1": "VRAM %1",
    "Vela JSON export (*.json)": "Exportación JSON de Vela (*.json)",
    "What can I help you with?": "¿En qué te puedo ayudar?",
    "You are a helpful assistant.": "Eres un asistente útil.",
    "code": "código",
    "model": "modelo",
    "≈ %1 tokens": "≈ %1 tokens",
}

path = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).with_name("vela_es.ts"))
tree = ET.parse(path)
missing = []
for message in tree.iter("message"):
    source = message.findtext("source")
    translation = message.find("translation")
    if source not in ES:
        missing.append(source)
        continue
    value = ES[source]
    translation.attrib.pop("type", None)
    for child in list(translation):
        translation.remove(child)
    if message.get("numerus") == "yes":
        forms = value if isinstance(value, tuple) else (value, value)
        translation.text = None
        for form in forms:
            ET.SubElement(translation, "numerusform").text = form
    else:
        translation.text = value if isinstance(value, str) else value[0]
ET.indent(tree, space="    ")
with open(path, "wb") as f:
    f.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
    tree.write(f, encoding="utf-8", xml_declaration=False)
    f.write(b"\n")
for m in missing:
    print("untranslated:", m)
sys.exit(1 if missing else 0)
