"""The colours both fixture models know, in the order of the CLIP fixture's colour dimensions."""

import numpy as np

# CSS named colours (sRGB 0-255). The index of a colour is its embedding dimension in color-clip.
COLOURS = (
    ("red", (255, 0, 0)),
    ("green", (0, 128, 0)),
    ("blue", (0, 0, 255)),
    ("yellow", (255, 255, 0)),
    ("purple", (128, 0, 128)),
    ("orange", (255, 165, 0)),
    ("pink", (255, 192, 203)),
    ("brown", (139, 69, 19)),  # CSS saddlebrown: CSS "brown" (165, 42, 42) is nearer most reds than red is
    ("white", (255, 255, 255)),
    ("black", (0, 0, 0)),
    ("gray", (128, 128, 128)),
    ("cyan", (0, 255, 255)),
)

COLOUR_NAMES = tuple(name for name, _ in COLOURS)


def prototypes() -> np.ndarray:
    """The colours as a [n_colours, 3] float32 matrix in 0..1 units, the range a processor rescales pixels to."""
    return np.array([rgb for _, rgb in COLOURS], dtype=np.float32) / 255.0
