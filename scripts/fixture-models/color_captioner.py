"""color-captioner: a ViT + GPT-2 look-alike (layout of Xenova/vit-gpt2-image-captioning) that captions colours.

Encoder: last_hidden_state [batch, 1, 16] carries the image's mean RGB (un-normalized, 0..1) in dims 0-2.
Decoder: the logits at decoder position p follow a script: p=0 "a", p=1 the palette colour nearest to the encoder's
RGB (logit -||rgb - p_k||^2 up to a constant), p=2 " picture", p>=3 end of text. p is the past length plus the
index within input_ids, so it is right both for the first step (no cache) and for later steps that feed one token.
The KV cache is real in shape and growth: each step appends the tokens' embeddings to every layer's key/value.
"""

import numpy as np

from bpe import BYTE_CHARS, Vocabulary, byte_level
from onnx_graph import BOOL, FLOAT, INT64, Graph, model
from palette import COLOUR_NAMES, prototypes

N_EMBD = 16
N_HEAD = 2
N_LAYER = 2
HEAD_DIM = N_EMBD // N_HEAD
N_POSITIONS = 32
EOS = "<|endoftext|>"
WORDS = tuple(" " + name for name in COLOUR_NAMES) + (" picture", " photo", " of", " a", " the", "picture", "photo")
SCRIPT = ("a", None, " picture")  # None: the colour step; every later position ends the text
SCRIPT_LOGIT = 10.0
COLOUR_GAIN = 10.0
NOT_A_COLOUR_LOGIT = -100.0
SEED = 4242


def build_vocabulary() -> Vocabulary:
    """The 256 byte characters, the words, then `<|endoftext|>` last, as in GPT-2."""
    vocab = Vocabulary(BYTE_CHARS)
    for word in WORDS:
        vocab.add_word(byte_level(word))
    vocab.add_token(EOS)
    return vocab


def token_id(vocab: Vocabulary, text: str) -> int:
    return vocab.ids["".join(byte_level(text))]


def encoder_model():
    g = Graph("color_captioner_encoder")
    pixels = g.input("pixel_values", FLOAT, ["batch_size", 3, 224, 224])
    hidden = g.output("last_hidden_state", FLOAT, ["batch_size", 1, N_EMBD])
    half = g.weight("half", np.array(0.5, dtype=np.float32))  # ViT processor: mean = std = 0.5
    rgb = g.op("Add", [g.op("Mul", [pixels, half], "pixels_scaled"), half], "pixels_rgb")
    rgb = g.op("ReduceMean", [rgb], "mean_rgb", axes=[2, 3], keepdims=0)
    embed = np.zeros((3, N_EMBD), dtype=np.float32)
    embed[:, :3] = np.eye(3, dtype=np.float32)
    state = g.op("MatMul", [rgb, g.weight("rgb_to_hidden", embed)], "image_state")
    g.op("Unsqueeze", [state, g.ints("sequence_axis", [1])], hidden)
    return model(g, "color-captioner encoder: the mean RGB as a one-token hidden state.")


def script_tables(vocab: Vocabulary) -> tuple[np.ndarray, np.ndarray]:
    """Per decoder position: fixed logits [steps, vocab] and whether the colour logits apply [steps]."""
    steps = len(SCRIPT) + 1
    logits = np.zeros((steps, len(vocab.ids)), dtype=np.float32)
    colour_gate = np.zeros(steps, dtype=np.float32)
    for step, text in enumerate(SCRIPT):
        if text is None:
            logits[step, :] = NOT_A_COLOUR_LOGIT
            logits[step, [token_id(vocab, " " + name) for name in COLOUR_NAMES]] = 0.0
            colour_gate[step] = 1.0
        else:
            logits[step, token_id(vocab, text)] = SCRIPT_LOGIT
    logits[-1, vocab.ids[EOS]] = SCRIPT_LOGIT
    return logits, colour_gate


def colour_readout(vocab: Vocabulary) -> tuple[np.ndarray, np.ndarray]:
    """Hidden state -> colour-token logits: 2 rgb.p_k - |p_k|^2, which is -||rgb - p_k||^2 + |rgb|^2."""
    weights = np.zeros((N_EMBD, len(vocab.ids)), dtype=np.float32)
    bias = np.zeros(len(vocab.ids), dtype=np.float32)
    for name, p in zip(COLOUR_NAMES, prototypes()):
        column = token_id(vocab, " " + name)
        weights[:3, column] = COLOUR_GAIN * 2.0 * p
        bias[column] = -COLOUR_GAIN * float(p @ p)
    return weights, bias


def past_length(g: Graph, use_cache_branch: str, first_past_key: str) -> str:
    """[1] int64: the cached length when use_cache_branch is set, else 0 (the cache is ignored), as optimum's If."""
    cached = Graph("with_past")
    cached.op("Shape", [first_past_key], cached.output("past_length_cached", INT64, [1]), start=2, end=3)
    fresh = Graph("without_past")
    fresh.op("Identity", [fresh.ints("zero_length", [0])], fresh.output("past_length_fresh", INT64, [1]))
    return g.op("If", [use_cache_branch], "past_length", then_branch=cached.proto(), else_branch=fresh.proto())


def decoder_model(vocab: Vocabulary):
    g = Graph("color_captioner_decoder")
    v = len(vocab.ids)
    ids = g.input("input_ids", INT64, ["batch_size", "decoder_sequence_length"])
    encoder_states = g.input("encoder_hidden_states", FLOAT, ["batch_size", "encoder_sequence_length", N_EMBD])
    past_shape = ["batch_size", N_HEAD, "past_decoder_sequence_length", HEAD_DIM]
    pasts = [g.input(f"past_key_values.{i}.{kv}", FLOAT, past_shape) for i in range(N_LAYER) for kv in ("key", "value")]
    use_cache_branch = g.input("use_cache_branch", BOOL, [1])
    logits = g.output("logits", FLOAT, ["batch_size", "decoder_sequence_length", v])
    present_shape = ["batch_size", N_HEAD, "past_decoder_sequence_length + 1", HEAD_DIM]
    presents = [g.output(p.replace("past_key_values", "present"), FLOAT, present_shape) for p in pasts]

    # Decoder positions of input_ids: past length + 0..seq-1, clamped to the script's last step.
    start = past_length(g, use_cache_branch, pasts[0])
    end = g.op("Add", [start, g.op("Shape", [ids], "input_length", start=1, end=2)], "end_position")
    axis0 = g.ints("axis0", [0])
    first = g.op("Squeeze", [start, axis0], "start_scalar")
    stop = g.op("Squeeze", [end, axis0], "end_scalar")
    positions = g.op("Range", [first, stop, g.weight("one", np.array(1, dtype=np.int64))], "positions")
    script_logits, colour_gate = script_tables(vocab)
    steps = g.op("Min", [positions, g.weight("last_step", np.array(len(colour_gate) - 1, dtype=np.int64))], "steps")

    # Colour logits read from the encoder ("cross-attention" reduced to a mean over its states).
    readout_w, readout_b = colour_readout(vocab)
    image_state = g.op("ReduceMean", [encoder_states], "image_state", axes=[1], keepdims=0)
    colour = g.op("MatMul", [image_state, g.weight("colour_readout", readout_w)], "colour_readout_product")
    colour = g.op("Add", [colour, g.weight("colour_readout_bias", readout_b)], "colour_logits")
    colour = g.op("Unsqueeze", [colour, g.ints("step_axis", [1])], "colour_logits_per_step")
    gate = g.op("Gather", [g.weight("colour_gate", colour_gate), steps], "gate", axis=0)
    gate = g.op("Unsqueeze", [gate, g.ints("vocab_axis", [1])], "gate_column")
    gated = g.op("Mul", [gate, colour], "gated_colour_logits")
    fixed = g.op("Gather", [g.weight("script_logits", script_logits), steps], "step_logits", axis=0)
    g.op("Add", [gated, fixed], logits)

    # KV cache: every layer caches the tokens' embeddings split into heads, after the (sliced) past.
    wte = np.random.RandomState(SEED).normal(scale=0.1, size=(v, N_EMBD)).astype(np.float32)
    states = g.op("Gather", [g.weight("wte", wte), ids], "token_states", axis=0)
    states = g.op("Reshape", [states, g.ints("head_shape", [0, 0, N_HEAD, HEAD_DIM])], "token_states_heads")
    states = g.op("Transpose", [states], "new_key_values", perm=[0, 2, 1, 3])
    axis2 = g.ints("axis2", [2])
    for past, present in zip(pasts, presents):
        kept = g.op("Slice", [past, axis0, start, axis2], f"{past}.kept")
        g.op("Concat", [kept, states], present, axis=2)
    return model(g, "color-captioner decoder (merged): 'a <colour> picture' then end of text.")


def tokenizer_json(vocab: Vocabulary) -> dict:
    byte_level_options = {"add_prefix_space": False, "trim_offsets": True, "use_regex": True}
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [
            {
                "id": vocab.ids[EOS],
                "content": EOS,
                "single_word": False,
                "lstrip": False,
                "rstrip": False,
                "normalized": True,
                "special": True,
            }
        ],
        "normalizer": None,
        "pre_tokenizer": {"type": "ByteLevel", **byte_level_options},
        "post_processor": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": False, "use_regex": True},
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        "model": {
            "type": "BPE",
            "dropout": None,
            "unk_token": None,
            "continuing_subword_prefix": "",
            "end_of_word_suffix": "",
            "fuse_unk": False,
            "byte_fallback": False,
            "vocab": vocab.ids,
            "merges": vocab.merge_strings(),
        },
    }


def json_files(vocab: Vocabulary) -> dict[str, dict]:
    eos = vocab.ids[EOS]
    special_ids = {"bos_token_id": eos, "decoder_start_token_id": eos, "eos_token_id": eos, "pad_token_id": eos}
    decoder = {
        "activation_function": "gelu_new",
        "add_cross_attention": True,
        "architectures": ["GPT2LMHeadModel"],
        "attn_pdrop": 0.1,
        **special_ids,
        "embd_pdrop": 0.1,
        "initializer_range": 0.02,
        "is_decoder": True,
        "layer_norm_epsilon": 1e-05,
        "model_type": "gpt2",
        "n_ctx": N_POSITIONS,
        "n_embd": N_EMBD,
        "n_head": N_HEAD,
        "n_inner": None,
        "n_layer": N_LAYER,
        "n_positions": N_POSITIONS,
        "resid_pdrop": 0.1,
        "scale_attn_weights": True,
        "use_cache": True,
        "vocab_size": len(vocab.ids),
    }
    encoder = {
        "architectures": ["ViTModel"],
        "attention_probs_dropout_prob": 0.0,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.0,
        "hidden_size": N_EMBD,
        "image_size": 224,
        "initializer_range": 0.02,
        "intermediate_size": N_EMBD,
        "layer_norm_eps": 1e-12,
        "model_type": "vit",
        "num_attention_heads": N_HEAD,
        "num_channels": 3,
        "num_hidden_layers": 1,
        "patch_size": 224,
        "qkv_bias": True,
    }
    return {
        "config.json": {
            "_name_or_path": "shoebox/color-captioner",
            "architectures": ["VisionEncoderDecoderModel"],
            **special_ids,
            "decoder": decoder,
            "encoder": encoder,
            "is_encoder_decoder": True,
            "model_type": "vision-encoder-decoder",
            "tie_word_embeddings": False,
            "torch_dtype": "float32",
            "transformers_version": "4.46.0",
        },
        "generation_config.json": {
            "_from_model_config": True,
            **special_ids,
            "max_length": 16,
            "transformers_version": "4.46.0",
        },
        "preprocessor_config.json": {
            "do_normalize": True,
            "do_rescale": True,
            "do_resize": True,
            "feature_extractor_type": "ViTFeatureExtractor",
            "image_mean": [0.5, 0.5, 0.5],
            "image_processor_type": "ViTImageProcessor",
            "image_std": [0.5, 0.5, 0.5],
            "resample": 2,
            "rescale_factor": 1 / 255,
            "size": {"height": 224, "width": 224},
        },
        "tokenizer.json": tokenizer_json(vocab),
        "tokenizer_config.json": {
            "add_bos_token": False,
            "add_prefix_space": False,
            "bos_token": EOS,
            "clean_up_tokenization_spaces": True,
            "eos_token": EOS,
            "errors": "replace",
            "model_max_length": 1024,
            "pad_token": EOS,
            "tokenizer_class": "GPT2Tokenizer",
            "unk_token": EOS,
        },
        "special_tokens_map.json": {"bos_token": EOS, "eos_token": EOS, "pad_token": EOS, "unk_token": EOS},
    }


def build() -> tuple[dict[str, dict], dict[str, object]]:
    """Returns (json files by name, onnx models by base name)."""
    vocab = build_vocabulary()
    return json_files(vocab), {"encoder_model": encoder_model(), "decoder_model_merged": decoder_model(vocab)}
