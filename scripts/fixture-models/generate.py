#!/usr/bin/env python3
"""Generates the tiny fixture models under public/models/fixtures/ (run: npm run models:fixtures).

Usage: generate.py [name ...]   (no names: every model; e.g. `generate.py color-siglip` writes only that one)

Deterministic: running it again rewrites byte-identical files. Needs the `onnx` and `numpy` Python packages
(Debian: python3-onnx). See README.md in this folder for what each model means.
"""

import json
import sys
from pathlib import Path

sys.dont_write_bytecode = True  # keep __pycache__ out of the working tree

import color_captioner  # noqa: E402
import color_clip  # noqa: E402
import color_florence  # noqa: E402
import color_siglip  # noqa: E402
import color_smolvlm  # noqa: E402
from onnx_graph import save_variants  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "public" / "models" / "fixtures"
MODELS = {
    "color-clip": color_clip,
    "color-captioner": color_captioner,
    "color-florence": color_florence,
    "color-siglip": color_siglip,
    "color-smolvlm": color_smolvlm,
}


def write_model(folder: Path, json_files: dict, onnx_models: dict) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in json_files.items():
        path = folder / name
        path.write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    for name, onnx_model in onnx_models.items():
        written += save_variants(onnx_model, folder / "onnx", name)
    return written


def main() -> None:
    names = sys.argv[1:] or list(MODELS)
    unknown = [n for n in names if n not in MODELS]
    if unknown:
        sys.exit(f"unknown fixture model(s): {', '.join(unknown)}; known: {', '.join(MODELS)}")
    for name in names:
        module = MODELS[name]
        for path in write_model(FIXTURES / name, *module.build()):
            print(f"{path.relative_to(ROOT)}  {path.stat().st_size:>7} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
