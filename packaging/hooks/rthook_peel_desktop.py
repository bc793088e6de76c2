"""Runtime hook of the frozen app: before any of its code runs.

Qt finds its plugins inside the bundle (never a system Qt's), and the app never looks at a
network proxy configuration or loads input-method plugins that could reach out.
"""

import os
import sys

base = getattr(sys, "_MEIPASS", None)
if base:
    os.environ.setdefault("QT_PLUGIN_PATH", os.path.join(base, "PySide6", "Qt", "plugins"))
    os.environ.pop("QT_IM_MODULE", None) if sys.platform.startswith("linux") else None
    if sys.platform == "darwin":
        os.environ.setdefault("QT_MAC_WANTS_LAYER", "1")
