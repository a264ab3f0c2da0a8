"""color-clip: a CLIP look-alike (layout of Xenova/clip-vit-base-patch32) whose embeddings mean colours.

Image embedding (D = 32): dims 0-11 are exp(-||rgb - p_k||^2 / s^2) for the palette colours p_k, computed from
the image's mean un-normalized RGB; dims 12-31 hold a small constant so no image embeds to zero.
Text embedding: the sum of one row per token. A colour word's row is the one-hot of its colour dim; the end and
padding token (one token, as in CLIP) has a zero row, so padding changes nothing; every other token, the start
token included, has its own fixed direction in dims 12-31, so any text, even "", embeds to a non-zero vector.
"""

import math

import numpy as np

from bpe import BYTE_CHARS, Vocabulary
from onnx_graph import FLOAT, INT64, Graph, model
from palette import COLOUR_NAMES, prototypes

N_COLOURS = len(COLOUR_NAMES)
N_OTHER = 20
DIM = N_COLOURS + N_OTHER
SIGMA = 0.25  # colour distance (0..1 RGB units) at which similarity falls to 1/e
OTHER_IMAGE_VALUE = 0.05
OTHER_TOKEN_NORM = 0.3
START_TOKEN_NORM = 0.1
LOGIT_SCALE = 100.0
SEED = 1337

BOS, EOS = "<|startoftext|>", "<|endoftext|>"
COMMON_WORDS = (
    "a", "an", "the", "of", "in", "on", "and", "with", "this", "is", "photo", "picture", "image", "thing",
    "dog", "cat", "car", "sky", "tree", "flower", "person", "beach",
)
IMAGE_MEAN = [0.48145466, 0.4578275, 0.40821073]
IMAGE_STD = [0.26862954, 0.26130258, 0.27577711]
# The pre-tokenizer split of the real CLIP tokenizer.json (contractions, letter runs, single digits, punctuation).
CLIP_SPLIT = r"""'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+"""


def build_vocabulary() -> tuple[Vocabulary, dict[str, int]]:
    """Bytes, bytes with '</w>', whole words, then the two special tokens last, as in the real vocabulary."""
    vocab = Vocabulary(BYTE_CHARS + [c + "</w>" for c in BYTE_CHARS])
    words = {word: vocab.add_word(list(word[:-1]) + [word[-1] + "</w>"]) for word in COLOUR_NAMES + COMMON_WORDS}
    vocab.add_token(BOS)
    vocab.add_token(EOS)
    return vocab, words


def token_table(vocab: Vocabulary, words: dict[str, int]) -> np.ndarray:
    table = np.zeros((len(vocab.ids), DIM), dtype=np.float32)
    directions = np.random.RandomState(SEED).normal(size=(len(vocab.ids), N_OTHER))
    directions *= OTHER_TOKEN_NORM / np.linalg.norm(directions, axis=1, keepdims=True)
    table[:, N_COLOURS:] = directions
    for k, name in enumerate(COLOUR_NAMES):
        table[words[name]] = 0.0
        table[words[name], k] = 1.0
    table[vocab.ids[BOS]] *= START_TOKEN_NORM / OTHER_TOKEN_NORM
    table[vocab.ids[EOS]] = 0.0
    return table


def text_tower(g: Graph, table: np.ndarray, input_ids: str, attention_mask: str | None) -> str:
    vectors = g.op("Gather", [g.weight("token_embedding", table), input_ids], "token_vectors", axis=0)
    if attention_mask is not None:
        mask = g.op("Cast", [attention_mask], "mask_float", to=FLOAT)
        mask = g.op("Unsqueeze", [mask, g.ints("mask_axes", [2])], "mask_column")
        vectors = g.op("Mul", [vectors, mask], "masked_token_vectors")
    return g.op("ReduceSum", [vectors, g.ints("sequence_axis", [1])], "text_sum", keepdims=0)


def vision_tower(g: Graph, pixel_values: str, image_mean=IMAGE_MEAN, image_std=IMAGE_STD) -> str:
    """The mean colour's similarity to each palette colour; `image_mean`/`image_std` undo the processor's normalizing."""
    std = g.weight("image_std", np.array(image_std, dtype=np.float32).reshape(1, 3, 1, 1))
    mean = g.weight("image_mean", np.array(image_mean, dtype=np.float32).reshape(1, 3, 1, 1))
    pixels = g.op("Add", [g.op("Mul", [pixel_values, std], "pixels_scaled"), mean], "pixels_rgb")
    rgb = g.op("ReduceMean", [pixels], "mean_rgb", axes=[2, 3], keepdims=0)
    rgb = g.op("Unsqueeze", [rgb, g.ints("colour_axis", [1])], "mean_rgb_column")
    diff = g.op("Sub", [rgb, g.weight("colour_prototypes", prototypes())], "colour_offsets")
    squared = g.op("Mul", [diff, diff], "colour_offsets_squared")
    squared = g.op("ReduceSum", [squared, g.ints("rgb_axis", [2])], "colour_distance_squared", keepdims=0)
    inverse_width = g.weight("negative_inverse_width", np.array(-1.0 / SIGMA**2, dtype=np.float32))
    similarity = g.op("Exp", [g.op("Mul", [squared, inverse_width], "colour_log_similarity")], "colour_similarity")
    # Projection: identity onto the colour dims, a constant bias in the other dims.
    projection = np.zeros((N_COLOURS, DIM), dtype=np.float32)
    projection[:, :N_COLOURS] = np.eye(N_COLOURS, dtype=np.float32)
    bias = np.zeros(DIM, dtype=np.float32)
    bias[N_COLOURS:] = OTHER_IMAGE_VALUE
    projected = g.op("MatMul", [similarity, g.weight("visual_projection", projection)], "image_projected")
    return g.op("Add", [projected, g.weight("visual_projection_bias", bias)], "image_sum")


def text_model(table: np.ndarray):
    g = Graph("color_clip_text")
    ids = g.input("input_ids", INT64, ["batch_size", "sequence_length"])
    g.op("Identity", [text_tower(g, table, ids, None)], g.output("text_embeds", FLOAT, ["batch_size", DIM]))
    return model(g, "color-clip text tower: sum of token rows; colour words are colour one-hots.")


def vision_model():
    g = Graph("color_clip_vision")
    pixels = g.input("pixel_values", FLOAT, ["batch_size", 3, 224, 224])
    g.op("Identity", [vision_tower(g, pixels)], g.output("image_embeds", FLOAT, ["batch_size", DIM]))
    return model(g, "color-clip vision tower: similarity of the mean colour to each palette colour.")


def normalized(g: Graph, x: str, name: str) -> str:
    return g.op("Div", [x, g.op("ReduceL2", [x], f"{name}_norm", axes=[1], keepdims=1)], name)


def full_model(table: np.ndarray):
    g = Graph("color_clip")
    ids = g.input("input_ids", INT64, ["text_batch_size", "sequence_length"])
    pixels = g.input("pixel_values", FLOAT, ["image_batch_size", 3, 224, 224])
    mask = g.input("attention_mask", INT64, ["text_batch_size", "sequence_length"])
    per_image = g.output("logits_per_image", FLOAT, ["image_batch_size", "text_batch_size"])
    per_text = g.output("logits_per_text", FLOAT, ["text_batch_size", "image_batch_size"])
    text_embeds = g.output("text_embeds", FLOAT, ["text_batch_size", DIM])
    image_embeds = g.output("image_embeds", FLOAT, ["image_batch_size", DIM])

    text = normalized(g, text_tower(g, table, ids, mask), text_embeds)
    image = normalized(g, vision_tower(g, pixels), image_embeds)
    cosine = g.op("MatMul", [text, g.op("Transpose", [image], "image_embeds_t", perm=[1, 0])], "cosine_per_text")
    scale = g.weight("logit_scale_exp", np.array(LOGIT_SCALE, dtype=np.float32))
    g.op("Mul", [cosine, scale], per_text)
    g.op("Transpose", [per_text], per_image, perm=[1, 0])
    return model(g, "color-clip: CLIPModel with unit-length embeddings and logit scale 100.")


def special_token(token_id: int, content: str) -> dict:
    return {
        "id": token_id,
        "content": content,
        "single_word": False,
        "lstrip": False,
        "rstrip": False,
        "normalized": True,
        "special": True,
    }


def tokenizer_json(vocab: Vocabulary) -> dict:
    bos, eos = vocab.ids[BOS], vocab.ids[EOS]
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [special_token(bos, BOS), special_token(eos, EOS)],
        "normalizer": {
            "type": "Sequence",
            "normalizers": [
                {"type": "NFC"},
                {"type": "Replace", "pattern": {"Regex": r"\s+"}, "content": " "},
                {"type": "Lowercase"},
            ],
        },
        "pre_tokenizer": {
            "type": "Sequence",
            "pretokenizers": [
                {"type": "Split", "pattern": {"Regex": CLIP_SPLIT}, "behavior": "Removed", "invert": True},
                {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": False},
            ],
        },
        "post_processor": {
            "type": "RobertaProcessing",
            "sep": [EOS, eos],
            "cls": [BOS, bos],
            "trim_offsets": False,
            "add_prefix_space": False,
        },
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        "model": {
            "type": "BPE",
            "dropout": None,
            "unk_token": EOS,
            "continuing_subword_prefix": "",
            "end_of_word_suffix": "</w>",
            "fuse_unk": False,
            "byte_fallback": False,
            "vocab": vocab.ids,
            "merges": vocab.merge_strings(),
        },
    }


def added_token(content: str) -> dict:
    return {"content": content, "lstrip": False, "normalized": True, "rstrip": False, "single_word": False}


def json_files(vocab: Vocabulary) -> dict[str, dict]:
    bos, eos = vocab.ids[BOS], vocab.ids[EOS]
    return {
        "config.json": {
            "_name_or_path": "shoebox/color-clip",
            "architectures": ["CLIPModel"],
            "initializer_factor": 1.0,
            "logit_scale_init_value": math.log(LOGIT_SCALE),
            "model_type": "clip",
            "projection_dim": DIM,
            "text_config": {
                "bos_token_id": bos, "dropout": 0.0, "eos_token_id": eos, "hidden_act": "quick_gelu",
                "hidden_size": DIM, "initializer_factor": 1.0, "initializer_range": 0.02, "intermediate_size": DIM,
                "layer_norm_eps": 1e-05, "max_position_embeddings": 77, "model_type": "clip_text_model",
                "num_attention_heads": 1, "num_hidden_layers": 1, "pad_token_id": eos, "projection_dim": DIM,
                "vocab_size": len(vocab.ids),
            },
            "torch_dtype": "float32",
            "transformers_version": "4.46.0",
            "vision_config": {
                "dropout": 0.0, "hidden_act": "quick_gelu", "hidden_size": N_COLOURS, "image_size": 224,
                "initializer_factor": 1.0, "initializer_range": 0.02, "intermediate_size": N_COLOURS,
                "layer_norm_eps": 1e-05, "model_type": "clip_vision_model", "num_attention_heads": 1,
                "num_channels": 3, "num_hidden_layers": 1, "patch_size": 224, "projection_dim": DIM,
            },
        },
        "preprocessor_config.json": {
            "crop_size": {"height": 224, "width": 224},
            "do_center_crop": True,
            "do_convert_rgb": True,
            "do_normalize": True,
            "do_rescale": True,
            "do_resize": True,
            "feature_extractor_type": "CLIPFeatureExtractor",
            "image_mean": IMAGE_MEAN,
            "image_processor_type": "CLIPFeatureExtractor",
            "image_std": IMAGE_STD,
            "resample": 3,
            "rescale_factor": 1 / 255,
            "size": {"shortest_edge": 224},
        },
        "tokenizer.json": tokenizer_json(vocab),
        "tokenizer_config.json": {
            "add_prefix_space": False,
            "bos_token": BOS,
            "clean_up_tokenization_spaces": True,
            "do_lower_case": True,
            "eos_token": EOS,
            "errors": "replace",
            "model_max_length": 77,
            "pad_token": EOS,
            "tokenizer_class": "CLIPTokenizer",
            "unk_token": EOS,
        },
        "special_tokens_map.json": {
            "bos_token": added_token(BOS),
            "eos_token": added_token(EOS),
            "pad_token": EOS,
            "unk_token": added_token(EOS),
        },
    }


def build() -> tuple[dict[str, dict], dict[str, object]]:
    """Returns (json files by name, onnx models by base name)."""
    vocab, words = build_vocabulary()
    table = token_table(vocab, words)
    models = {"text_model": text_model(table), "vision_model": vision_model(), "model": full_model(table)}
    return json_files(vocab), models
