"""A small ONNX graph builder, the dtype variants transformers.js asks for, and deterministic saving."""

import copy
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17
FLOAT = TensorProto.FLOAT
FLOAT16 = TensorProto.FLOAT16
INT64 = TensorProto.INT64
BOOL = TensorProto.BOOL

# transformers.js picks `<name><suffix>.onnx` from the dtype: fp32 -> '', q8 -> '_quantized', fp16 -> '_fp16'.
DTYPE_SUFFIXES = {"fp32": "", "q8": "_quantized", "fp16": "_fp16"}

# Initializers at least this large are stored as int8 in the q8 variant; smaller ones are constants, not weights.
MIN_QUANTIZED_SIZE = 16


class Graph:
    """Collects nodes, weights and the signature of one ONNX graph; each `op` returns its output's name."""

    def __init__(self, name: str):
        self.name = name
        self.nodes: list[onnx.NodeProto] = []
        self.initializers: list[onnx.TensorProto] = []
        self.inputs: list[onnx.ValueInfoProto] = []
        self.outputs: list[onnx.ValueInfoProto] = []

    def input(self, name: str, elem_type: int, shape: list) -> str:
        self.inputs.append(helper.make_tensor_value_info(name, elem_type, shape))
        return name

    def output(self, name: str, elem_type: int, shape: list) -> str:
        self.outputs.append(helper.make_tensor_value_info(name, elem_type, shape))
        return name

    def weight(self, name: str, value: np.ndarray) -> str:
        self.initializers.append(numpy_helper.from_array(np.asarray(value), name))
        return name

    def ints(self, name: str, values: list[int]) -> str:
        return self.weight(name, np.array(values, dtype=np.int64))

    def op(self, op_type: str, inputs: list[str], out: str, **attrs) -> str:
        self.nodes.append(helper.make_node(op_type, inputs, [out], name=out, **attrs))
        return out

    def op_n(self, op_type: str, inputs: list[str], outs: list[str], **attrs) -> list[str]:
        self.nodes.append(helper.make_node(op_type, inputs, outs, name=outs[0], **attrs))
        return outs

    def proto(self) -> onnx.GraphProto:
        return helper.make_graph(self.nodes, self.name, self.inputs, self.outputs, self.initializers)


def model(graph: Graph, doc: str) -> onnx.ModelProto:
    m = helper.make_model(
        graph.proto(),
        opset_imports=[helper.make_opsetid("", OPSET)],
        producer_name="shoebox-fixture-models",
        doc_string=doc,
    )
    m.ir_version = 8
    onnx.checker.check_model(m, full_check=True)
    return m


def quantized(m: onnx.ModelProto) -> onnx.ModelProto:
    """q8: weights stored as symmetric per-tensor int8 and dequantized on load, like a weight-only quantizer."""
    q = copy.deepcopy(m)
    graph = q.graph
    kept, dequantize = [], []
    for init in graph.initializer:
        value = numpy_helper.to_array(init)
        if init.data_type != FLOAT or value.size < MIN_QUANTIZED_SIZE:
            kept.append(init)
            continue
        scale = np.float32(max(float(np.abs(value).max()), 1e-8) / 127.0)
        ints = np.clip(np.round(value / scale), -127, 127).astype(np.int8)
        kept += [
            numpy_helper.from_array(ints, f"{init.name}_quantized"),
            numpy_helper.from_array(np.array(scale, dtype=np.float32), f"{init.name}_scale"),
            numpy_helper.from_array(np.array(0, dtype=np.int8), f"{init.name}_zero_point"),
        ]
        dequantize.append(
            helper.make_node(
                "DequantizeLinear",
                [f"{init.name}_quantized", f"{init.name}_scale", f"{init.name}_zero_point"],
                [init.name],
                name=f"{init.name}_DequantizeLinear",
            )
        )
    del graph.initializer[:]
    graph.initializer.extend(kept)
    nodes = dequantize + list(graph.node)
    del graph.node[:]
    graph.node.extend(nodes)
    onnx.checker.check_model(q, full_check=True)
    return q


def half_precision(m: onnx.ModelProto) -> onnx.ModelProto:
    """fp16: weights and arithmetic in float16, float32 inputs and outputs (converters' `keep_io_types=True`).

    transformers.js 4.3.2 does not cast feeds to a session's input types, so the app can feed fp16 files the same
    float32 tensors as the others. Only the top-level graph is rewritten; the fixtures' subgraphs hold no floats.
    """
    h = copy.deepcopy(m)
    graph = h.graph
    for init in graph.initializer:
        if init.data_type == FLOAT:
            init.CopyFrom(numpy_helper.from_array(numpy_helper.to_array(init).astype(np.float16), init.name))
    for node in graph.node:
        for attr in node.attribute:
            if node.op_type == "Cast" and attr.name == "to" and attr.i == FLOAT:
                attr.i = FLOAT16

    float_inputs = {i.name for i in graph.input if i.type.tensor_type.elem_type == FLOAT}
    float_outputs = {o.name for o in graph.output if o.type.tensor_type.elem_type == FLOAT}
    boundary = float_inputs | float_outputs
    for node in graph.node:
        node.input[:] = [f"{name}_fp16" if name in boundary else name for name in node.input]
        node.output[:] = [f"{name}_fp16" if name in boundary else name for name in node.output]
    casts_in = [helper.make_node("Cast", [n], [f"{n}_fp16"], name=f"{n}_to_fp16", to=FLOAT16) for n in float_inputs]
    casts_out = [helper.make_node("Cast", [f"{n}_fp16"], [n], name=f"{n}_to_fp32", to=FLOAT) for n in float_outputs]
    nodes = sorted(casts_in, key=lambda n: n.name) + list(graph.node) + sorted(casts_out, key=lambda n: n.name)
    del graph.node[:]
    graph.node.extend(nodes)
    onnx.checker.check_model(h, full_check=True)
    return h


VARIANTS = {"fp32": lambda m: m, "q8": quantized, "fp16": half_precision}


def save_variants(m: onnx.ModelProto, folder: Path, name: str) -> list[Path]:
    """Writes `<name>.onnx`, `<name>_quantized.onnx` and `<name>_fp16.onnx`; the bytes depend only on the graph."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for dtype, suffix in DTYPE_SUFFIXES.items():
        path = folder / f"{name}{suffix}.onnx"
        path.write_bytes(VARIANTS[dtype](m).SerializeToString())
        written.append(path)
    return written
