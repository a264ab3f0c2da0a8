"""color-siglip: a SigLIP 2 look-alike (layout of onnx-community/siglip2-base-patch16-224-ONNX) that knows colours in
English, Hindi, Chinese and Ukrainian.

Same meaning as color-clip (D = 32: dims 0-11 the palette colours, 12-31 "other"), in SigLIP's shape:
- Tokenizer: Gemma's SentencePiece-style BPE (`▁` for spaces, byte fallback `<0xNN>`, no pre-tokenizer), special
  tokens `<pad>` 0, `<eos>` 1, `<bos>` 2, `<unk>` 3; SigLIP 2's settings: no `<bos>`, `<eos>` appended, padded on
  the right with `<pad>` to 64 tokens. Every colour word, in each language and with and without a leading `▁`, is one
  token whose row is its colour's one-hot; `<pad>` and `<eos>` rows are zero; other tokens have directions in 12-31.
- `text_model`: `input_ids` -> `last_hidden_state` (each token's row) and `pooler_output` (their sum), no attention
  mask (SigLIP's text tower takes none).
- `vision_model`: `pixel_values` (SigLIP's mean/std 0.5) -> `pooler_output`, the mean colour's palette similarity.
- `model`: `SiglipModel`: unit-length embeddings, `logits_per_text = LOGIT_SCALE * cosine + LOGIT_BIAS`, the logits
  SigLIP's sigmoid turns into per-label probabilities.
"""

import numpy as np

from bpe import Vocabulary
from color_clip import DIM, N_COLOURS, N_OTHER, OTHER_TOKEN_NORM, START_TOKEN_NORM, normalized, vision_tower
from onnx_graph import FLOAT, INT64, Graph, model
from palette import COLOUR_NAMES

SEED = 2025
IMAGE_SIZE = 224
MAX_TOKENS = 64
LOGIT_SCALE = 10.0  # exp(logit_scale); the app's catalog entry must say the same (fixture-color-siglip.ts)
LOGIT_BIAS = -5.0
IMAGE_MEAN = [0.5, 0.5, 0.5]
IMAGE_STD = [0.5, 0.5, 0.5]
SPACE = "\u2581"  # SentencePiece's "▁"
PAD, EOS, BOS, UNK = "<pad>", "<eos>", "<bos>", "<unk>"

# Each palette colour's words, lowercase (SigLIP 2 is fed lowercased text). Ukrainian adjectives in their four
# nominative forms; Chinese in simplified and traditional characters, alone and as the "…色" compound.
COLOUR_WORDS = {
    "red": ["red", "लाल", "红", "紅", "红色", "紅色", "червоний", "червона", "червоне", "червоні"],
    "green": ["green", "हरा", "हरी", "绿", "綠", "绿色", "綠色", "зелений", "зелена", "зелене", "зелені"],
    "blue": ["blue", "नीला", "नीली", "蓝", "藍", "蓝色", "藍色", "синій", "синя", "синє", "сині"],
    "yellow": ["yellow", "पीला", "पीली", "黄", "黃", "黄色", "黃色", "жовтий", "жовта", "жовте", "жовті"],
    "purple": ["purple", "violet", "बैंगनी", "紫", "紫色", "фіолетовий", "фіолетова", "фіолетове", "фіолетові"],
    "orange": ["orange", "नारंगी", "橙", "橙色", "помаранчевий", "помаранчева", "помаранчеве", "помаранчеві"],
    "pink": ["pink", "गुलाबी", "粉", "粉色", "粉红", "粉紅", "粉红色", "рожевий", "рожева", "рожеве", "рожеві"],
    "brown": ["brown", "भूरा", "भूरी", "棕", "棕色", "коричневий", "коричнева", "коричневе", "коричневі"],
    "white": ["white", "सफ़ेद", "सफेद", "白", "白色", "білий", "біла", "біле", "білі"],
    "black": ["black", "काला", "काली", "黑", "黑色", "чорний", "чорна", "чорне", "чорні"],
    "gray": ["gray", "grey", "स्लेटी", "धूसर", "灰", "灰色", "сірий", "сіра", "сіре", "сірі"],
    "cyan": ["cyan", "फ़िरोज़ी", "फिरोजी", "青", "青色", "бірюзовий", "бірюзова", "блакитний", "блакитна"],
}
COMMON_WORDS = ("this", "is", "a", "an", "the", "photo", "picture", "of", "in", "and", "with", "фото", "तस्वीर", "照片")
ASCII = [chr(c) for c in range(0x21, 0x7F)]


def build_vocabulary() -> tuple[Vocabulary, dict[str, int]]:
    """Special tokens, the 256 byte-fallback tokens, single characters, then the words (bare and `▁`-prefixed)."""
    words = [w for name in COLOUR_NAMES for w in COLOUR_WORDS[name]] + list(COMMON_WORDS)
    characters = sorted({c for w in words for c in w} | set(ASCII) | {SPACE})
    vocab = Vocabulary([PAD, EOS, BOS, UNK] + [f"<0x{b:02X}>" for b in range(256)] + characters)
    ids = {}
    for word in words:
        for form in (word, SPACE + word):
            ids[form] = vocab.add_word(list(form)) if len(form) > 1 else vocab.ids[form]
    return vocab, ids


def token_table(vocab: Vocabulary, ids: dict[str, int]) -> np.ndarray:
    table = np.zeros((len(vocab.ids), DIM), dtype=np.float32)
    directions = np.random.RandomState(SEED).normal(size=(len(vocab.ids), N_OTHER))
    directions *= OTHER_TOKEN_NORM / np.linalg.norm(directions, axis=1, keepdims=True)
    table[:, N_COLOURS:] = directions
    for k, name in enumerate(COLOUR_NAMES):
        for word in COLOUR_WORDS[name]:
            for form in (word, SPACE + word):
                table[ids[form]] = 0.0
                table[ids[form], k] = 1.0
    table[vocab.ids[BOS]] *= START_TOKEN_NORM / OTHER_TOKEN_NORM
    table[vocab.ids[PAD]] = 0.0
    table[vocab.ids[EOS]] = 0.0
    return table


def text_tower(g: Graph, table: np.ndarray, input_ids: str) -> tuple[str, str]:
    tokens = g.op("Gather", [g.weight("token_embedding", table), input_ids], "token_vectors", axis=0)
    return tokens, g.op("ReduceSum", [tokens, g.ints("sequence_axis", [1])], "text_sum", keepdims=0)


def text_model(table: np.ndarray):
    g = Graph("color_siglip_text")
    ids = g.input("input_ids", INT64, ["batch_size", "sequence_length"])
    tokens, pooled = text_tower(g, table, ids)
    g.op("Identity", [tokens], g.output("last_hidden_state", FLOAT, ["batch_size", "sequence_length", DIM]))
    g.op("Identity", [pooled], g.output("pooler_output", FLOAT, ["batch_size", DIM]))
    return model(g, "color-siglip text tower: sum of token rows; colour words (4 languages) are colour one-hots.")


def vision_model():
    g = Graph("color_siglip_vision")
    pixels = g.input("pixel_values", FLOAT, ["batch_size", 3, IMAGE_SIZE, IMAGE_SIZE])
    pooled = vision_tower(g, pixels, IMAGE_MEAN, IMAGE_STD)
    hidden = g.op("Unsqueeze", [pooled, g.ints("patch_axis", [1])], "image_patches")
    g.op("Identity", [hidden], g.output("last_hidden_state", FLOAT, ["batch_size", 1, DIM]))
    g.op("Identity", [pooled], g.output("pooler_output", FLOAT, ["batch_size", DIM]))
    return model(g, "color-siglip vision tower: similarity of the mean colour to each palette colour.")


def full_model(table: np.ndarray):
    g = Graph("color_siglip")
    ids = g.input("input_ids", INT64, ["text_batch_size", "sequence_length"])
    pixels = g.input("pixel_values", FLOAT, ["image_batch_size", 3, IMAGE_SIZE, IMAGE_SIZE])
    per_image = g.output("logits_per_image", FLOAT, ["image_batch_size", "text_batch_size"])
    per_text = g.output("logits_per_text", FLOAT, ["text_batch_size", "image_batch_size"])
    text_embeds = g.output("text_embeds", FLOAT, ["text_batch_size", DIM])
    image_embeds = g.output("image_embeds", FLOAT, ["image_batch_size", DIM])

    text = normalized(g, text_tower(g, table, ids)[1], text_embeds)
    image = normalized(g, vision_tower(g, pixels, IMAGE_MEAN, IMAGE_STD), image_embeds)
    cosine = g.op("MatMul", [text, g.op("Transpose", [image], "image_embeds_t", perm=[1, 0])], "cosine_per_text")
    scaled = g.op("Mul", [cosine, g.weight("logit_scale_exp", np.array(LOGIT_SCALE, dtype=np.float32))], "scaled")
    g.op("Add", [scaled, g.weight("logit_bias", np.array(LOGIT_BIAS, dtype=np.float32))], per_text)
    g.op("Transpose", [per_text], per_image, perm=[1, 0])
    return model(g, "color-siglip: SiglipModel with unit-length embeddings, logit scale 10 and bias -5.")


def special_token(token_id: int, content: str) -> dict:
    return {
        "id": token_id,
        "content": content,
        "single_word": False,
        "lstrip": False,
        "rstrip": False,
        "normalized": False,
        "special": True,
    }


def tokenizer_json(vocab: Vocabulary) -> dict:
    eos = vocab.ids[EOS]
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [special_token(vocab.ids[t], t) for t in (PAD, EOS, BOS, UNK)],
        "normalizer": {"type": "Replace", "pattern": {"String": " "}, "content": SPACE},
        "pre_tokenizer": None,
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": EOS, "type_id": 0}}],
            "pair": [
                {"Sequence": {"id": "A", "type_id": 0}},
                {"SpecialToken": {"id": EOS, "type_id": 0}},
                {"Sequence": {"id": "B", "type_id": 0}},
                {"SpecialToken": {"id": EOS, "type_id": 0}},
            ],
            "special_tokens": {EOS: {"id": EOS, "ids": [eos], "tokens": [EOS]}},
        },
        "decoder": {
            "type": "Sequence",
            "decoders": [
                {"type": "Replace", "pattern": {"String": SPACE}, "content": " "},
                {"type": "ByteFallback"},
                {"type": "Fuse"},
            ],
        },
        "model": {
            "type": "BPE",
            "dropout": None,
            "unk_token": UNK,
            "continuing_subword_prefix": None,
            "end_of_word_suffix": None,
            "fuse_unk": True,
            "byte_fallback": True,
            "ignore_merges": False,
            "vocab": vocab.ids,
            "merges": vocab.merge_strings(),
        },
    }


def added_token(content: str) -> dict:
    return {"content": content, "lstrip": False, "normalized": False, "rstrip": False, "single_word": False}


def json_files(vocab: Vocabulary) -> dict[str, dict]:
    return {
        "config.json": {
            "_name_or_path": "shoebox/color-siglip",
            "architectures": ["SiglipModel"],
            "initializer_factor": 1.0,
            "model_type": "siglip",
            "text_config": {
                "attention_dropout": 0.0, "hidden_act": "gelu_pytorch_tanh", "hidden_size": DIM,
                "intermediate_size": DIM, "layer_norm_eps": 1e-06, "max_position_embeddings": MAX_TOKENS,
                "model_type": "siglip_text_model", "num_attention_heads": 1, "num_hidden_layers": 1,
                "projection_size": DIM, "vocab_size": len(vocab.ids),
            },
            "torch_dtype": "float32",
            "transformers_version": "4.49.0",
            "vision_config": {
                "attention_dropout": 0.0, "hidden_act": "gelu_pytorch_tanh", "hidden_size": DIM,
                "image_size": IMAGE_SIZE, "intermediate_size": DIM, "layer_norm_eps": 1e-06,
                "model_type": "siglip_vision_model", "num_attention_heads": 1, "num_channels": 3,
                "num_hidden_layers": 1, "patch_size": IMAGE_SIZE,
            },
        },
        "preprocessor_config.json": {
            "do_convert_rgb": None,
            "do_normalize": True,
            "do_rescale": True,
            "do_resize": True,
            "image_mean": IMAGE_MEAN,
            "image_processor_type": "SiglipImageProcessor",
            "image_std": IMAGE_STD,
            "processor_class": "SiglipProcessor",
            "resample": 2,
            "rescale_factor": 1 / 255,
            "size": {"height": IMAGE_SIZE, "width": IMAGE_SIZE},
        },
        "tokenizer.json": tokenizer_json(vocab),
        "tokenizer_config.json": {
            "add_bos_token": False,
            "add_eos_token": True,
            "bos_token": BOS,
            "clean_up_tokenization_spaces": False,
            "do_lower_case": True,
            "eos_token": EOS,
            "model_max_length": MAX_TOKENS,
            "pad_token": PAD,
            "padding_side": "right",
            "processor_class": "SiglipProcessor",
            "spaces_between_special_tokens": False,
            "tokenizer_class": "GemmaTokenizer",
            "unk_token": UNK,
        },
        "special_tokens_map.json": {
            "bos_token": added_token(BOS),
            "eos_token": added_token(EOS),
            "pad_token": added_token(PAD),
            "unk_token": added_token(UNK),
        },
    }


def build() -> tuple[dict[str, dict], dict[str, object]]:
    """Returns (json files by name, onnx models by base name)."""
    vocab, ids = build_vocabulary()
    table = token_table(vocab, ids)
    models = {"text_model": text_model(table), "vision_model": vision_model(), "model": full_model(table)}
    return json_files(vocab), models
