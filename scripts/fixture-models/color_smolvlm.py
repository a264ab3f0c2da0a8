"""color-smolvlm: a SmolVLM look-alike (layout of onnx-community/SmolVLM-256M-Instruct) that answers colour questions.

Three sessions, named and wired as transformers.js' Idefics3ForConditionalGeneration runs them:
- vision_encoder: pixel_values [b, frames, 3, H, W], pixel_attention_mask -> image_features [b * frames, 1, 16]:
  each frame (the image processor's tiles and the global view) becomes one image token holding its mean RGB
  (0..1, dims 0-2) and a 1 in dim 3, so the decoder can average the frames.
- embed_tokens: input_ids -> inputs_embeds [b, seq, 16]. "Assistant" (the chat template's last word) sets dim 4,
  a colour question word (" colour", " color", ...) sets dim 5; every token has a fixed random direction in 7-15.
- decoder_model_merged (a Llama decoder's signature): inputs_embeds, attention_mask, position_ids,
  past_key_values.{i}.{key,value} -> logits, present.{i}.{key,value}. The cache keeps every token's embedding with
  its position in dim 6, so at each step the decoder reads from the whole conversation: the mean colour of the
  image tokens, whether a colour was asked about, and how many answer tokens came since "Assistant:". It answers by
  a script per task (colour question, anything else) whose slots say the nearest palette colour's name.
  Each step also multiplies two WORK x WORK matrices of zeros (built at run time, so nothing is stored or folded)
  and adds the zero result: a token takes a few milliseconds, as a real VLM's takes tens, so streaming and
  cancelling mid-answer can be seen.
"""

import numpy as np

from bpe import BYTE_CHARS, Vocabulary, byte_level
from onnx_graph import BOOL, FLOAT, INT64, Graph, model
from palette import COLOUR_NAMES, prototypes

D_MODEL = 16
N_KV_HEAD = 2
N_LAYER = 2
HEAD_DIM = D_MODEL // N_KV_HEAD
TILE = 32  # max_image_size: the image processor cuts pictures into tiles of this size, plus a global view
LONGEST_EDGE = 64  # size.longest_edge: pictures are resized to this first, so at most 2 x 2 tiles
MEAN = (0.5, 0.5, 0.5)
STD = (0.5, 0.5, 0.5)
MAX_GRID = 4
SPECIALS = (
    "<|endoftext|>",
    "<|im_start|>",
    "<|im_end|>",
    "<fake_token_around_image>",
    "<image>",
    "<global-img>",
    "<end_of_utterance>",
) + tuple(f"<row_{r}_col_{c}>" for r in range(1, MAX_GRID + 1) for c in range(1, MAX_GRID + 1))
BOS, PAD = 1, 2  # SmolVLM: <|im_start|> starts, <|im_end|> pads
IMAGE_TOKEN = "<image>"
EOS_TOKEN = "<end_of_utterance>"

MARKER_WORD = "Assistant"  # dim 4
QUESTION_WORDS = tuple(p + w for w in ("colour", "color", "colours", "colors", "Colour", "Color") for p in ("", " "))
COLOUR = "{colour}"
TASKS = ("colour", "other")
SCRIPTS = {
    "colour": (" It", " is", COLOUR, ".", " The", " whole", " photo", " is", COLOUR, ",", " from", " edge", " to",
               " edge", ":", COLOUR, ",", COLOUR, " and", COLOUR, " again", "."),
    "other": (" I", " only", " see", " shades", "."),
}
CHAT_TEMPLATE = (
    "<|im_start|>{% for message in messages %}{{message['role'] | capitalize}}"
    "{% if message['content'][0]['type'] == 'image' %}{{':'}}{% else %}{{': '}}{% endif %}"
    "{% for line in message['content'] %}{% if line['type'] == 'text' %}{{line['text']}}"
    "{% elif line['type'] == 'image' %}{{ '<image>' }}{% endif %}{% endfor %}<end_of_utterance>\n{% endfor %}"
    "{% if add_generation_prompt %}{{ 'Assistant:' }}{% endif %}"
)
WORK = 320  # side of the zero matrices multiplied at each step (about WORK^3 multiply-adds)
GAIN = 10.0
SCRIPT_LOGIT = 10.0
NOT_IN_SLOT = -100.0
SEED = 2525


def build_vocabulary() -> Vocabulary:
    vocab = Vocabulary(list(SPECIALS) + BYTE_CHARS)
    words = ("User", MARKER_WORD, ":") + QUESTION_WORDS + tuple(" " + c for c in COLOUR_NAMES)
    for script in SCRIPTS.values():
        words += tuple(t for t in script if not t.startswith("{"))
    for word in words:
        vocab.add_word(byte_level(word))
    return vocab


def token_id(vocab: Vocabulary, text: str) -> int:
    return vocab.ids["".join(byte_level(text))]


def vision_encoder():
    g = Graph("color_smolvlm_vision_encoder")
    pixels = g.input("pixel_values", FLOAT, ["batch_size", "num_images", 3, "height", "width"])
    g.input("pixel_attention_mask", BOOL, ["batch_size", "num_images", "height", "width"])
    features = g.output("image_features", FLOAT, ["batch_size * num_images", 1, D_MODEL])
    std = g.weight("image_std", np.array(STD, dtype=np.float32).reshape(1, 1, 3, 1, 1))
    mean = g.weight("image_mean", np.array(MEAN, dtype=np.float32).reshape(1, 1, 3, 1, 1))
    rgb = g.op("Add", [g.op("Mul", [pixels, std], "pixels_scaled"), mean], "pixels_rgb")
    frame_rgb = g.op("ReduceMean", [rgb], "frame_rgb", axes=[3, 4], keepdims=0)  # [b, n, 3]
    frame_rgb = g.op("Reshape", [frame_rgb, g.ints("frames_shape", [-1, 3])], "frames_rgb")  # [b n, 3]
    ones = g.op("ReduceMax", [g.op("Abs", [frame_rgb], "abs_rgb")], "frame_count_raw", axes=[1], keepdims=1)
    ones = g.op("Add", [g.op("Mul", [ones, g.weight("zero", np.array(0.0, dtype=np.float32))], "zero_column"),
                        g.weight("one", np.array(1.0, dtype=np.float32))], "frame_marker")  # [b n, 1] of ones
    state = g.op("Concat", [frame_rgb, ones], "rgb_marker", axis=1)  # [b n, 4]
    lift = np.zeros((4, D_MODEL), dtype=np.float32)
    lift[:, :4] = np.eye(4, dtype=np.float32)
    state = g.op("MatMul", [state, g.weight("to_hidden", lift)], "image_state")
    g.op("Unsqueeze", [state, g.ints("token_axis", [1])], features)
    return model(g, "color-smolvlm vision encoder: each frame's mean RGB as one image token.")


def embedding_table(vocab: Vocabulary) -> np.ndarray:
    table = np.zeros((len(vocab.ids), D_MODEL), dtype=np.float32)
    table[:, 7:] = np.random.RandomState(SEED).normal(scale=0.1, size=(len(vocab.ids), D_MODEL - 7))
    table[token_id(vocab, MARKER_WORD), 4] = 1.0
    for word in QUESTION_WORDS:
        table[token_id(vocab, word), 5] = 1.0
    return table


def embed_tokens(vocab: Vocabulary):
    g = Graph("color_smolvlm_embed_tokens")
    ids = g.input("input_ids", INT64, ["batch_size", "sequence_length"])
    embeds = g.output("inputs_embeds", FLOAT, ["batch_size", "sequence_length", D_MODEL])
    g.op("Gather", [g.weight("embed_tokens", embedding_table(vocab)), ids], embeds, axis=0)
    return model(g, "color-smolvlm token embeddings: 'Assistant' flags dim 4, colour question words dim 5.")


def script_tables(vocab: Vocabulary) -> tuple[np.ndarray, np.ndarray]:
    """Fixed logits [steps, tasks, vocab] and colour-slot gates [steps, tasks, 1]."""
    steps = max(len(s) for s in SCRIPTS.values()) + 1  # the script, then <end_of_utterance> from then on
    v = len(vocab.ids)
    fixed = np.zeros((steps, len(TASKS), v), dtype=np.float32)
    gates = np.zeros((steps, len(TASKS), 1), dtype=np.float32)
    colour_ids = [token_id(vocab, " " + c) for c in COLOUR_NAMES]
    for t, task in enumerate(TASKS):
        script = SCRIPTS[task]
        for step in range(steps):
            item = script[step] if step < len(script) else EOS_TOKEN
            if item == COLOUR:
                fixed[step, t, :] = NOT_IN_SLOT
                fixed[step, t, colour_ids] = 0.0
                gates[step, t, 0] = 1.0
            elif item in SPECIALS:
                fixed[step, t, vocab.ids[item]] = SCRIPT_LOGIT
            else:
                fixed[step, t, token_id(vocab, item)] = SCRIPT_LOGIT
    return fixed, gates


def colour_readout(vocab: Vocabulary) -> tuple[np.ndarray, np.ndarray]:
    """Mean RGB -> logits -GAIN ||rgb - p_k||^2 (up to a constant) on the colour words."""
    v = len(vocab.ids)
    w = np.zeros((3, v), dtype=np.float32)
    b = np.zeros(v, dtype=np.float32)
    for name, p in zip(COLOUR_NAMES, prototypes()):
        w[:, token_id(vocab, " " + name)] = GAIN * 2.0 * p
        b[token_id(vocab, " " + name)] = -GAIN * float(p @ p)
    return w, b


def channel(g: Graph, x: str, dim: int, name: str) -> str:
    """x[..., dim] of a [b, t, 16] tensor, as [b, t]."""
    return g.op("Squeeze", [g.op("Slice", [x, g.ints(f"{name}_from", [dim]), g.ints(f"{name}_to", [dim + 1]),
                                           g.ints(f"{name}_axis", [2])], f"{name}_3d"), g.ints(f"{name}_sq", [2])],
                name)


def decoder_model(vocab: Vocabulary):
    g = Graph("color_smolvlm_decoder")
    v = len(vocab.ids)
    embeds = g.input("inputs_embeds", FLOAT, ["batch_size", "sequence_length", D_MODEL])
    g.input("attention_mask", INT64, ["batch_size", "total_sequence_length"])
    position_ids = g.input("position_ids", INT64, ["batch_size", "sequence_length"])
    pasts = []
    for i in range(N_LAYER):
        for kv in ("key", "value"):
            pasts.append(g.input(f"past_key_values.{i}.{kv}", FLOAT,
                                 ["batch_size", N_KV_HEAD, "past_sequence_length", HEAD_DIM]))
    logits = g.output("logits", FLOAT, ["batch_size", "sequence_length", v])
    presents = [g.output(p.replace("past_key_values", "present"), FLOAT,
                         ["batch_size", N_KV_HEAD, "total_sequence_length", HEAD_DIM]) for p in pasts]

    # Each new token's cache entry: its embedding with its position in dim 6.
    positions = g.op("Cast", [position_ids], "positions_float", to=FLOAT)  # [b, s]
    keep = np.ones(D_MODEL, dtype=np.float32)
    keep[6] = 0.0
    at6 = np.zeros(D_MODEL, dtype=np.float32)
    at6[6] = 1.0
    placed = g.op("Mul", [g.op("Unsqueeze", [positions, g.ints("pos_axis", [2])], "positions_3d"),
                          g.weight("dim6", at6)], "positions_at_6")
    entries = g.op("Add", [g.op("Mul", [embeds, g.weight("keep", keep)], "embeds_kept"), placed], "entries")
    head_shape = g.ints("head_shape", [0, 0, N_KV_HEAD, HEAD_DIM])
    new_heads = g.op("Transpose", [g.op("Reshape", [entries, head_shape], "entries_split")], "entries_heads",
                     perm=[0, 2, 1, 3])
    for past, present in zip(pasts, presents):
        g.op("Concat", [past, new_heads], present, axis=2)

    # The whole conversation so far: [b, t, 16].
    history = g.op("Reshape", [g.op("Transpose", [presents[0]], "history_tokens", perm=[0, 2, 1, 3]),
                               g.ints("flat_shape", [0, 0, D_MODEL])], "history")
    sums = g.op("ReduceSum", [history, g.ints("time_axis", [1])], "history_sum", keepdims=0)  # [b, 16]

    def dims(x: str, start: int, end: int, name: str) -> str:
        return g.op("Slice", [x, g.ints(f"{name}_from", [start]), g.ints(f"{name}_to", [end]),
                              g.ints(f"{name}_axis", [1])], name)

    frames = g.op("Max", [dims(sums, 3, 4, "frame_count"), g.weight("eps", np.array(1e-6, dtype=np.float32))],
                  "frames")
    rgb = g.op("Div", [dims(sums, 0, 3, "rgb_sum"), frames], "mean_rgb")  # [b, 3]
    w, b = colour_readout(vocab)
    colour = g.op("Add", [g.op("MatMul", [rgb, g.weight("colour_readout", w)], "colour_product"),
                          g.weight("colour_bias", b)], "colour_logits")  # [b, v]
    asked = g.op("Min", [dims(sums, 5, 6, "question_count"), g.weight("one", np.array(1.0, dtype=np.float32))],
                 "asked")  # [b, 1]
    task = g.op("Concat", [asked, g.op("Sub", [g.weight("one_again", np.array([1.0], dtype=np.float32)), asked],
                                       "not_asked")], "task", axis=1)  # [b, tasks]

    # Answer step: positions since the token after "Assistant" (the ':' whose logits start the answer).
    marker = g.op("ReduceMax", [g.op("Mul", [channel(g, history, 4, "marker_flags"),
                                             channel(g, history, 6, "history_positions")], "marker_positions")],
                  "marker", axes=[1], keepdims=1)  # [b, 1]
    fixed, gates = script_tables(vocab)
    step = g.op("Sub", [positions, g.op("Add", [marker, g.weight("after_marker", np.array(1.0, dtype=np.float32))],
                                        "answer_start")], "step_float")
    step = g.op("Clip", [step, g.weight("first_step", np.array(0.0, dtype=np.float32)),
                         g.weight("last_step", np.array(fixed.shape[0] - 1, dtype=np.float32))], "step_clipped")
    step = g.op("Cast", [step], "steps", to=INT64)  # [b, s]

    task_row = g.op("Unsqueeze", [task, g.ints("task_axes", [1, 2])], "task_row")  # [b, 1, 1, tasks]
    step_fixed = g.op("Gather", [g.weight("script_logits", fixed), step], "step_fixed", axis=0)  # [b, s, tasks, v]
    step_gates = g.op("Gather", [g.weight("script_gates", gates), step], "step_gates", axis=0)  # [b, s, tasks, 1]
    squeeze2 = g.ints("axis2", [2])
    fixed_logits = g.op("Squeeze", [g.op("MatMul", [task_row, step_fixed], "fixed_4d"), squeeze2], "fixed_logits")
    slot_gate = g.op("Squeeze", [g.op("MatMul", [task_row, step_gates], "gate_4d"), squeeze2], "slot_gate")  # [b,s,1]
    slot = g.op("Mul", [slot_gate, g.op("Unsqueeze", [colour, g.ints("colour_axis", [1])], "colour_row")], "slot")
    answer = g.op("Add", [fixed_logits, slot], "answer_logits")

    # The work a real decoder does per token, here on zeros made from the input (so it can't be folded away).
    nothing = g.op("Mul", [g.op("ReduceSum", [embeds], "embeds_total", keepdims=0),
                           g.weight("times_zero", np.array(0.0, dtype=np.float32))], "nothing")
    square = g.op("Expand", [nothing, g.ints("work_shape", [WORK, WORK])], "work")
    product = g.op("MatMul", [g.op("MatMul", [square, square], "work_once"), square], "work_twice")
    busy = g.op("ReduceSum", [product], "work_total", keepdims=0)
    g.op("Add", [answer, busy], logits)
    return model(g, "color-smolvlm decoder (merged): a script per question, read from the whole conversation.")


def tokenizer_json(vocab: Vocabulary) -> dict:
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [
            {
                "id": vocab.ids[token],
                "content": token,
                "single_word": False,
                "lstrip": False,
                "rstrip": False,
                "normalized": False,
                "special": True,
            }
            for token in SPECIALS
        ],
        "normalizer": None,
        "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
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
    eos = vocab.ids[EOS_TOKEN]
    text_config = {
        "model_type": "llama",
        "hidden_size": D_MODEL,
        "head_dim": HEAD_DIM,
        "intermediate_size": D_MODEL,
        "num_hidden_layers": N_LAYER,
        "num_attention_heads": N_KV_HEAD,
        "num_key_value_heads": N_KV_HEAD,
        "max_position_embeddings": 512,
        "vocab_size": len(vocab.ids),
        "pad_token_id": PAD,
    }
    return {
        "config.json": {
            "_name_or_path": "shoebox/color-smolvlm",
            "architectures": ["Idefics3ForConditionalGeneration"],
            "image_token_id": vocab.ids[IMAGE_TOKEN],
            "model_type": "idefics3",
            "scale_factor": 1,
            "text_config": text_config,
            "vision_config": {"model_type": "idefics3_vision", "hidden_size": D_MODEL, "image_size": TILE,
                              "patch_size": TILE},
            "vocab_size": len(vocab.ids),
            "torch_dtype": "float32",
            "transformers_version": "4.46.0",
        },
        "generation_config.json": {
            "_from_model_config": True,
            "bos_token_id": BOS,
            "eos_token_id": eos,
            "pad_token_id": PAD,
            "transformers_version": "4.46.0",
        },
        "preprocessor_config.json": {
            "do_convert_rgb": True,
            "do_image_splitting": True,
            "do_normalize": True,
            "do_pad": True,
            "do_rescale": True,
            "do_resize": True,
            "image_mean": list(MEAN),
            "image_processor_type": "Idefics3ImageProcessor",
            "image_std": list(STD),
            "max_image_size": {"longest_edge": TILE},
            "processor_class": "Idefics3Processor",
            "resample": 1,
            "rescale_factor": 1 / 255,
            "size": {"longest_edge": LONGEST_EDGE},
        },
        "processor_config.json": {"image_seq_len": 1, "processor_class": "Idefics3Processor"},
        "tokenizer.json": tokenizer_json(vocab),
        "tokenizer_config.json": {
            "add_prefix_space": False,
            "bos_token": "<|im_start|>",
            "chat_template": CHAT_TEMPLATE,
            "clean_up_tokenization_spaces": False,
            "eos_token": EOS_TOKEN,
            "legacy": False,
            "model_max_length": 512,
            "pad_token": "<|im_end|>",
            "processor_class": "Idefics3Processor",
            "tokenizer_class": "GPT2Tokenizer",
            "unk_token": "<|endoftext|>",
            "vocab_size": len(vocab.ids),
        },
        "special_tokens_map.json": {
            "additional_special_tokens": ["<fake_token_around_image>", "<image>", EOS_TOKEN],
            "bos_token": "<|im_start|>",
            "eos_token": EOS_TOKEN,
            "pad_token": "<|im_end|>",
            "unk_token": "<|endoftext|>",
        },
    }


def build() -> tuple[dict[str, dict], dict[str, object]]:
    """Returns (json files by name, onnx models by base name)."""
    vocab = build_vocabulary()
    return json_files(vocab), {
        "vision_encoder": vision_encoder(),
        "embed_tokens": embed_tokens(vocab),
        "decoder_model_merged": decoder_model(vocab),
    }
