#!/usr/bin/env python3
"""Benchmark CLIP ViT-B/32: the exact architecture and size of Xenova/clip-vit-base-patch32, random seeded weights.

Speed does not depend on weight values, so these files cost what the real ones cost to load and run. Written in the
Xenova layout (config.json, preprocessor_config.json, tokenizer files, onnx/{text,vision}_model[_quantized].onnx)
under bench-models/clip-vit-b32/ (gitignored; ~760 MB). The tokenizer is the fixture colour-CLIP one: its ids are
all below the real 49,408-row embedding table, and its end token has the highest id, as CLIP's argmax pooling needs.

q8 is dynamic quantization as `onnxruntime.quantization.quantize_dynamic` writes it (what the real
`*_quantized.onnx` are): every MatMul with a constant weight becomes DynamicQuantizeLinear + MatMulInteger (int8
weights, per tensor) + rescale, the token table is stored int8 behind DequantizeLinear, and the patch Conv stays
float (ConvInteger has no WASM kernel, so the real export leaves it too).

With --smoke it writes the same graphs at a toy size (one layer, width 32; a few MB) for the bench's smoke run
(`npm run bench -- --smoke`, part of `npm test`): the same code paths in seconds.

Usage: /usr/bin/python3 scripts/bench/generate_bench_models.py [--smoke] [OUT_DIR]
"""

import json
import shutil
import sys
from pathlib import Path

sys.dont_write_bytecode = True
HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "scripts" / "fixture-models"))

import numpy as np  # noqa: E402
import onnx  # noqa: E402
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

from onnx_graph import FLOAT, INT64, Graph  # noqa: E402

SEED = 20240532
FIXTURE_CLIP = ROOT / "public" / "models" / "fixtures" / "color-clip"
TOKENIZER_FILES = ["tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "preprocessor_config.json"]

VISION = dict(width=768, layers=12, heads=12, mlp=3072, patch=32, image=224)
TEXT = dict(width=512, layers=12, heads=8, mlp=2048, context=77, vocab=49408)
PROJECTION = 512
# The smoke run's toy size: every op of the real graphs, a few MB. The token table keeps its real row count (the
# quantizer's int8 table path needs > 1000 rows) and the projection its real width (the bench's search is 512-d).
SMOKE_VISION = dict(VISION, width=32, layers=1, heads=2, mlp=64)
SMOKE_TEXT = dict(TEXT, width=32, layers=1, heads=2, mlp=64)
LN_EPS = 1e-5


class Weights:
    """Seeded N(0, 0.02) weights, drawn in the order the graph asks for them."""

    def __init__(self, seed: int):
        self.rng = np.random.default_rng(seed)

    def normal(self, *shape: int, std: float = 0.02) -> np.ndarray:
        return (self.rng.standard_normal(shape, dtype=np.float32) * np.float32(std)).astype(np.float32)

    def ones(self, n: int) -> np.ndarray:
        return np.ones(n, dtype=np.float32)

    def zeros(self, n: int) -> np.ndarray:
        return np.zeros(n, dtype=np.float32)


def layer_norm(g: Graph, w: Weights, x: str, width: int, name: str) -> str:
    scale = g.weight(f"{name}.weight", w.ones(width))
    bias = g.weight(f"{name}.bias", w.zeros(width))
    return g.op("LayerNormalization", [x, scale, bias], f"{name}.out", axis=-1, epsilon=LN_EPS)


def linear(g: Graph, w: Weights, x: str, n_in: int, n_out: int, name: str, bias: bool = True) -> str:
    y = g.op("MatMul", [x, g.weight(f"{name}.weight", w.normal(n_in, n_out))], f"{name}.matmul")
    return g.op("Add", [y, g.weight(f"{name}.bias", w.normal(n_out))], f"{name}.out") if bias else y


def quick_gelu(g: Graph, x: str, name: str) -> str:
    k = g.weight(f"{name}.k", np.array(1.702, dtype=np.float32))
    gate = g.op("Sigmoid", [g.op("Mul", [x, k], f"{name}.kx")], f"{name}.gate")
    return g.op("Mul", [x, gate], f"{name}.out")


def encoder_layer(g: Graph, w: Weights, x: str, cfg: dict, name: str, mask: str | None) -> str:
    width, heads = cfg["width"], cfg["heads"]
    head_dim = width // heads
    h = layer_norm(g, w, x, width, f"{name}.layer_norm1")
    split = g.ints(f"{name}.heads_shape", [0, 0, heads, head_dim])
    merged = g.ints(f"{name}.merged_shape", [0, 0, width])

    def heads_of(proj: str, perm: list[int]) -> str:
        y = linear(g, w, h, width, width, f"{name}.self_attn.{proj}")
        y = g.op("Reshape", [y, split], f"{name}.{proj}.split")
        return g.op("Transpose", [y], f"{name}.{proj}.heads", perm=perm)

    q = heads_of("q_proj", [0, 2, 1, 3])
    k = heads_of("k_proj", [0, 2, 3, 1])
    v = heads_of("v_proj", [0, 2, 1, 3])
    scale = g.weight(f"{name}.attn_scale", np.array(head_dim**-0.5, dtype=np.float32))
    scores = g.op("MatMul", [g.op("Mul", [q, scale], f"{name}.q_scaled"), k], f"{name}.scores")
    if mask is not None:
        scores = g.op("Add", [scores, mask], f"{name}.scores_masked")
    probs = g.op("Softmax", [scores], f"{name}.probs", axis=-1)
    ctx = g.op("MatMul", [probs, v], f"{name}.context")
    ctx = g.op("Transpose", [ctx], f"{name}.context_t", perm=[0, 2, 1, 3])
    ctx = g.op("Reshape", [ctx, merged], f"{name}.context_merged")
    x = g.op("Add", [x, linear(g, w, ctx, width, width, f"{name}.self_attn.out_proj")], f"{name}.residual1")

    h = layer_norm(g, w, x, width, f"{name}.layer_norm2")
    h = quick_gelu(g, linear(g, w, h, width, cfg["mlp"], f"{name}.mlp.fc1"), f"{name}.mlp.act")
    h = linear(g, w, h, cfg["mlp"], width, f"{name}.mlp.fc2")
    return g.op("Add", [x, h], f"{name}.residual2")


def vision_model(w: Weights) -> onnx.ModelProto:
    c = VISION
    grid = c["image"] // c["patch"]
    tokens = grid * grid + 1
    g = Graph("clip_vision_with_projection")
    pixels = g.input("pixel_values", FLOAT, ["batch_size", 3, c["image"], c["image"]])
    patch_w = g.weight("embeddings.patch_embedding.weight", w.normal(c["width"], 3, c["patch"], c["patch"]))
    x = g.op("Conv", [pixels, patch_w], "patches", kernel_shape=[c["patch"]] * 2, strides=[c["patch"]] * 2)
    x = g.op("Reshape", [x, g.ints("patches_shape", [0, c["width"], grid * grid])], "patches_flat")
    x = g.op("Transpose", [x], "patch_tokens", perm=[0, 2, 1])
    batch = g.op("Slice", [g.op("Shape", [pixels], "pixels_shape"), g.ints("s0", [0]), g.ints("s1", [1])], "batch")
    cls_shape = g.op("Concat", [batch, g.ints("cls_tail", [1, c["width"]])], "cls_shape", axis=0)
    cls = g.weight("embeddings.class_embedding", w.normal(1, 1, c["width"]))
    cls = g.op("Expand", [cls, cls_shape], "cls_tokens")
    x = g.op("Concat", [cls, x], "tokens", axis=1)
    x = g.op("Add", [x, g.weight("embeddings.position_embedding", w.normal(tokens, c["width"]))], "embedded")
    x = layer_norm(g, w, x, c["width"], "pre_layrnorm")
    for i in range(c["layers"]):
        x = encoder_layer(g, w, x, c, f"encoder.layers.{i}", None)
    pooled = g.op("Gather", [x, g.weight("cls_index", np.array(0, dtype=np.int64))], "pooled", axis=1)
    pooled = layer_norm(g, w, pooled, c["width"], "post_layernorm")
    proj = linear(g, w, pooled, c["width"], PROJECTION, "visual_projection", bias=False)
    g.op("Identity", [proj], g.output("image_embeds", FLOAT, ["batch_size", PROJECTION]))
    return finish(g, "CLIP ViT-B/32 vision tower with projection; random weights, real size (bench).")


def text_model(w: Weights) -> onnx.ModelProto:
    c = TEXT
    g = Graph("clip_text_with_projection")
    ids = g.input("input_ids", INT64, ["batch_size", "sequence_length"])
    x = g.op("Gather", [g.weight("embeddings.token_embedding.weight", w.normal(c["vocab"], c["width"])), ids],
             "token_vectors", axis=0)
    seq = g.op("Slice", [g.op("Shape", [ids], "ids_shape"), g.ints("i1", [1]), g.ints("i2", [2])], "seq_len")
    positions = g.weight("embeddings.position_embedding.weight", w.normal(c["context"], c["width"]))
    positions = g.op("Slice", [positions, g.ints("p0", [0]), seq, g.ints("p_axes", [0])], "positions")
    x = g.op("Add", [x, positions], "embedded")
    # Causal mask [S, S]: a large negative strictly above the diagonal, built for the actual length.
    square = g.op("Concat", [seq, seq], "mask_shape", axis=0)
    fill = helper.make_tensor("mask_fill", TensorProto.FLOAT, [1], [-1e9])
    full = g.op("ConstantOfShape", [square], "mask_full", value=fill)
    mask = g.op("Trilu", [full, g.weight("mask_k", np.array(1, dtype=np.int64))], "causal_mask", upper=1)
    for i in range(c["layers"]):
        x = encoder_layer(g, w, x, c, f"encoder.layers.{i}", mask)
    x = layer_norm(g, w, x, c["width"], "final_layer_norm")
    # EOS pooling as in CLIP: the end token has the highest id, so argmax(input_ids) finds it.
    eos = g.op("ArgMax", [ids], "eos_position", axis=1, keepdims=1)
    eos = g.op("Unsqueeze", [eos, g.ints("eos_axes", [2])], "eos_index")
    eos = g.op("Expand", [eos, g.ints("eos_expand", [1, 1, c["width"]])], "eos_index_wide")
    pooled = g.op("GatherElements", [x, eos], "eos_hidden", axis=1)
    pooled = g.op("Squeeze", [pooled, g.ints("pooled_axes", [1])], "pooled")
    proj = linear(g, w, pooled, c["width"], PROJECTION, "text_projection", bias=False)
    g.op("Identity", [proj], g.output("text_embeds", FLOAT, ["batch_size", PROJECTION]))
    return finish(g, "CLIP ViT-B/32 text tower with projection; random weights, real size (bench).")


def finish(g: Graph, doc: str) -> onnx.ModelProto:
    m = helper.make_model(g.proto(), opset_imports=[helper.make_opsetid("", 17)], producer_name="shoebox-bench",
                          doc_string=doc)
    m.ir_version = 8
    onnx.checker.check_model(m)
    return m


def quantize_dynamic(m: onnx.ModelProto) -> onnx.ModelProto:
    """What quantize_dynamic(weight_type=QInt8) emits: MatMulInteger for constant-weight MatMuls, int8 Gather table."""
    inits = {t.name: t for t in m.graph.initializer}
    new_inits: list[onnx.TensorProto] = []
    dropped: set[str] = set()
    nodes: list[onnx.NodeProto] = []

    def int8_weight(name: str) -> tuple[str, str, str]:
        value = numpy_helper.to_array(inits[name])
        scale = np.float32(max(float(np.abs(value).max()), 1e-8) / 127.0)
        q = np.clip(np.round(value / scale), -127, 127).astype(np.int8)
        dropped.add(name)
        new_inits.extend([
            numpy_helper.from_array(q, f"{name}_quantized"),
            numpy_helper.from_array(np.array(scale, dtype=np.float32), f"{name}_scale"),
            numpy_helper.from_array(np.array(0, dtype=np.int8), f"{name}_zero_point"),
        ])
        return f"{name}_quantized", f"{name}_scale", f"{name}_zero_point"

    for node in m.graph.node:
        if node.op_type == "MatMul" and node.input[1] in inits:
            a, out = node.input[0], node.output[0]
            wq, ws, wz = int8_weight(node.input[1])
            nodes += [
                helper.make_node("DynamicQuantizeLinear", [a], [f"{a}_q", f"{a}_scale", f"{a}_zp"],
                                 name=f"{out}_QuantizeLinear"),
                helper.make_node("MatMulInteger", [f"{a}_q", wq, f"{a}_zp", wz], [f"{out}_int32"],
                                 name=f"{out}_MatMulInteger"),
                helper.make_node("Cast", [f"{out}_int32"], [f"{out}_float"], name=f"{out}_cast", to=FLOAT),
                helper.make_node("Mul", [f"{a}_scale", ws], [f"{out}_scale"], name=f"{out}_scale_mul"),
                helper.make_node("Mul", [f"{out}_float", f"{out}_scale"], [out], name=f"{out}_rescale"),
            ]
        elif node.op_type == "Gather" and node.input[0] in inits and inits[node.input[0]].dims[0] > 1000:
            wq, ws, wz = int8_weight(node.input[0])
            out = node.output[0]
            nodes += [
                helper.make_node("Gather", [wq, node.input[1]], [f"{out}_quantized"], name=f"{out}_gather", axis=0),
                helper.make_node("DequantizeLinear", [f"{out}_quantized", ws, wz], [out], name=f"{out}_dequantize"),
            ]
        else:
            nodes.append(node)
    # DynamicQuantizeLinear emits one output name per input; a tensor feeding several MatMuls quantizes once.
    seen: set[str] = set()
    unique = []
    for n in nodes:
        if n.op_type == "DynamicQuantizeLinear":
            if n.input[0] in seen:
                continue
            seen.add(n.input[0])
        unique.append(n)
    graph = helper.make_graph(unique, m.graph.name, list(m.graph.input), list(m.graph.output),
                              [t for t in m.graph.initializer if t.name not in dropped] + new_inits)
    q = helper.make_model(graph, opset_imports=list(m.opset_import), producer_name="shoebox-bench",
                          doc_string=m.doc_string + " Dynamic int8 (MatMulInteger).")
    q.ir_version = m.ir_version
    onnx.checker.check_model(q)
    return q


def config() -> dict:
    tok = json.loads((FIXTURE_CLIP / "config.json").read_text())["text_config"]
    v, t = VISION, TEXT
    return {
        "_name_or_path": "shoebox/bench-clip-vit-b32",
        "architectures": ["CLIPModel"],
        "initializer_factor": 1.0,
        "logit_scale_init_value": 2.6592,
        "model_type": "clip",
        "projection_dim": PROJECTION,
        "text_config": {
            "bos_token_id": tok["bos_token_id"], "eos_token_id": tok["eos_token_id"], "pad_token_id": tok["pad_token_id"],
            "hidden_act": "quick_gelu", "hidden_size": t["width"], "intermediate_size": t["mlp"],
            "layer_norm_eps": LN_EPS, "max_position_embeddings": t["context"], "model_type": "clip_text_model",
            "num_attention_heads": t["heads"], "num_hidden_layers": t["layers"], "projection_dim": PROJECTION,
            "vocab_size": t["vocab"],
        },
        "torch_dtype": "float32",
        "transformers_version": "4.46.0",
        "vision_config": {
            "hidden_act": "quick_gelu", "hidden_size": v["width"], "image_size": v["image"],
            "intermediate_size": v["mlp"], "layer_norm_eps": LN_EPS, "model_type": "clip_vision_model",
            "num_attention_heads": v["heads"], "num_channels": 3, "num_hidden_layers": v["layers"],
            "patch_size": v["patch"], "projection_dim": PROJECTION,
        },
    }


def main() -> None:
    args = sys.argv[1:]
    if "--smoke" in args:
        args.remove("--smoke")
        VISION.update(SMOKE_VISION)
        TEXT.update(SMOKE_TEXT)
    # Absolute, so a relative OUT_DIR (run.sh passes one) is reported relative to the repository like the default.
    out = (Path(args[0]) if args else ROOT / "bench-models" / "clip-vit-b32").resolve()
    onnx_dir = out / "onnx"
    onnx_dir.mkdir(parents=True, exist_ok=True)
    for name in TOKENIZER_FILES:
        shutil.copyfile(FIXTURE_CLIP / name, out / name)
    (out / "config.json").write_text(json.dumps(config(), indent=2) + "\n")
    w = Weights(SEED)
    for name, build in (("vision_model", vision_model), ("text_model", text_model)):
        fp32 = build(w)
        params = sum(int(np.prod(t.dims)) for t in fp32.graph.initializer)
        for suffix, m in (("", fp32), ("_quantized", quantize_dynamic(fp32))):
            path = onnx_dir / f"{name}{suffix}.onnx"
            path.write_bytes(m.SerializeToString())
            print(f"{path.relative_to(ROOT)}  {path.stat().st_size / 1e6:7.1f} MB  ({params / 1e6:.1f}M params)",
                  file=sys.stderr)


if __name__ == "__main__":
    main()
