"""color-florence: a Florence-2 look-alike (layout of onnx-community/Florence-2-base-ft) that reads colours.

Four sessions, named and wired as transformers.js' Florence2ForConditionalGeneration runs them:
- vision_encoder: pixel_values [b, 3, 768, 768] -> image_features [b, 1, 16]: the mean RGB (0..1, dims 0-2) and the
  fine detail (dim 3): the mean |second horizontal difference| of neighbouring pixels, which only a picture seen
  at full size has (a 320 px thumbnail scaled back up to 768 px is smooth at the pixel level).
- embed_tokens: input_ids -> inputs_embeds [b, seq, 16]. The prompt words " text", " detail" and " paragraph"
  set dims 4, 5, 6, so the encoder knows the task (<OCR>, <DETAILED_CAPTION>, <MORE_DETAILED_CAPTION>, else
  <CAPTION>); every token has a fixed random direction in dims 7-15.
- encoder_model: inputs_embeds (image features then prompt), attention_mask -> last_hidden_state: at every position
  the masked sum over the sequence (the picture and the task in one state).
- decoder_model_merged: inputs_embeds (of the decoder ids), encoder_hidden_states, encoder_attention_mask,
  past_key_values.{i}.{decoder,encoder}.{key,value}, use_cache_branch -> logits, present.*. The decoder position is
  the past length plus the index within the input; each task has a script of tokens by position, with slots that
  read the state: the nearest palette colour's name, the sign word "written" in that colour, or fine/no.
"""

import numpy as np

from bpe import BYTE_CHARS, Vocabulary, byte_level
from onnx_graph import BOOL, FLOAT, INT64, Graph, model
from palette import COLOUR_NAMES, prototypes

D_MODEL = 16
N_HEAD = 2
N_LAYER = 2
HEAD_DIM = D_MODEL // N_HEAD
IMAGE_SIZE = 768
MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)
SPECIALS = ("<s>", "<pad>", "</s>", "<unk>")  # BART's ids 0-3
BOS, PAD, EOS = 0, 1, 2

# What <OCR> "reads" on a picture of each palette colour: a word no colour model knows, so a search for it proves
# the OCR text was matched (the colour embedder would find "red" by itself). CAFÉ checks accent folding.
SIGN_WORDS = ("STOP", "EXIT", "CAFÉ", "TAXI", "JAZZ", "SALE", "BAKERY", "BOOKS", "MENU", "HOTEL", "PARKING", "POOL")
FLAG_WORDS = (" text", " detail", " paragraph")  # dims 4, 5, 6
TASKS = ("<CAPTION>", "<DETAILED_CAPTION>", "<MORE_DETAILED_CAPTION>", "<OCR>")
COLOUR, SIGN, DETAIL = "{colour}", "{sign}", "{detail}"
SCRIPTS = {
    "<CAPTION>": ("A", COLOUR, " picture", "."),
    "<DETAILED_CAPTION>": ("The", " image", " shows", " a", COLOUR, " picture", "."),
    "<MORE_DETAILED_CAPTION>": ("The", " image", " shows", " a", COLOUR, " picture", " with", DETAIL, " stripes", "."),
    "<OCR>": (SIGN,),
}
DETAIL_WORDS = (" fine", " no")  # above / below the threshold
DETAIL_THRESHOLD = 0.08  # mean |x[j-1] - 2 x[j] + x[j+1]| in 0..1 units
GAIN = 10.0
SCRIPT_LOGIT = 10.0
NOT_IN_SLOT = -100.0
SEED = 2424


def build_vocabulary() -> Vocabulary:
    vocab = Vocabulary(list(SPECIALS) + BYTE_CHARS)
    words = FLAG_WORDS + tuple(" " + c for c in COLOUR_NAMES) + SIGN_WORDS + DETAIL_WORDS
    for script in SCRIPTS.values():
        words += tuple(t for t in script if not t.startswith("{"))
    for word in words:
        vocab.add_word(byte_level(word))
    return vocab


def token_id(vocab: Vocabulary, text: str) -> int:
    return vocab.ids["".join(byte_level(text))]


def vision_encoder():
    g = Graph("color_florence_vision_encoder")
    pixels = g.input("pixel_values", FLOAT, ["batch_size", 3, IMAGE_SIZE, IMAGE_SIZE])
    features = g.output("image_features", FLOAT, ["batch_size", 1, D_MODEL])
    std = g.weight("image_std", np.array(STD, dtype=np.float32).reshape(1, 3, 1, 1))
    mean = g.weight("image_mean", np.array(MEAN, dtype=np.float32).reshape(1, 3, 1, 1))
    rgb = g.op("Add", [g.op("Mul", [pixels, std], "pixels_scaled"), mean], "pixels_rgb")
    mean_rgb = g.op("ReduceMean", [rgb], "mean_rgb", axes=[2, 3], keepdims=0)  # [b, 3]

    axis3 = g.ints("width_axis", [3])

    def columns(start: int, end: int) -> str:
        return g.op("Slice", [rgb, g.ints(f"from_{start}", [start]), g.ints(f"to_{end}", [end]), axis3], f"cols_{start}")

    left, centre, right = columns(0, IMAGE_SIZE - 2), columns(1, IMAGE_SIZE - 1), columns(2, IMAGE_SIZE)
    two = g.weight("two", np.array(2.0, dtype=np.float32))
    second = g.op("Sub", [g.op("Add", [left, right], "outer_sum"), g.op("Mul", [centre, two], "centre_twice")], "d2x")
    detail = g.op("ReduceMean", [g.op("Abs", [second], "abs_d2x")], "detail_scalar", axes=[1, 2, 3], keepdims=0)
    detail = g.op("Unsqueeze", [detail, g.ints("detail_axis", [1])], "detail")  # [b, 1]

    state = g.op("Concat", [mean_rgb, detail], "rgb_detail", axis=1)  # [b, 4]
    lift = np.zeros((4, D_MODEL), dtype=np.float32)
    lift[:, :4] = np.eye(4, dtype=np.float32)
    state = g.op("MatMul", [state, g.weight("to_hidden", lift)], "image_state")
    g.op("Unsqueeze", [state, g.ints("token_axis", [1])], features)
    return model(g, "color-florence vision encoder: mean RGB and fine detail as one image token.")


def embedding_table(vocab: Vocabulary) -> np.ndarray:
    table = np.zeros((len(vocab.ids), D_MODEL), dtype=np.float32)
    table[:, 7:] = np.random.RandomState(SEED).normal(scale=0.1, size=(len(vocab.ids), D_MODEL - 7))
    for dim, word in enumerate(FLAG_WORDS, start=4):
        table[token_id(vocab, word), dim] = 1.0
    return table


def embed_tokens(vocab: Vocabulary):
    g = Graph("color_florence_embed_tokens")
    ids = g.input("input_ids", INT64, ["batch_size", "sequence_length"])
    embeds = g.output("inputs_embeds", FLOAT, ["batch_size", "sequence_length", D_MODEL])
    g.op("Gather", [g.weight("embed_tokens", embedding_table(vocab)), ids], embeds, axis=0)
    return model(g, "color-florence token embeddings: task words flag dims 4-6.")


def encoder_model():
    g = Graph("color_florence_encoder")
    embeds = g.input("inputs_embeds", FLOAT, ["batch_size", "encoder_sequence_length", D_MODEL])
    mask = g.input("attention_mask", INT64, ["batch_size", "encoder_sequence_length"])
    hidden = g.output("last_hidden_state", FLOAT, ["batch_size", "encoder_sequence_length", D_MODEL])
    weights = g.op("Unsqueeze", [g.op("Cast", [mask], "mask_float", to=FLOAT), g.ints("feature_axis", [2])], "mask_w")
    total = g.op("ReduceSum", [g.op("Mul", [embeds, weights], "masked"), g.ints("seq_axis", [1])], "total", keepdims=1)
    zeros = g.op("Mul", [embeds, g.weight("zero", np.array(0.0, dtype=np.float32))], "zeros")
    g.op("Add", [zeros, total], hidden)
    return model(g, "color-florence encoder: the masked sum of picture and prompt at every position.")


def past_length(g: Graph, use_cache_branch: str, first_past_key: str) -> str:
    """[1] int64: the cached length when use_cache_branch is set, else 0, as optimum's merged If."""
    cached = Graph("with_past")
    cached.op("Shape", [first_past_key], cached.output("past_length_cached", INT64, [1]), start=2, end=3)
    fresh = Graph("without_past")
    fresh.op("Identity", [fresh.ints("zero_length", [0])], fresh.output("past_length_fresh", INT64, [1]))
    return g.op("If", [use_cache_branch], "past_length", then_branch=cached.proto(), else_branch=fresh.proto())


def script_tables(vocab: Vocabulary) -> tuple[np.ndarray, np.ndarray]:
    """Fixed logits [steps, tasks, vocab] and readout gates [steps, tasks, 3] (colour, sign, detail)."""
    steps = max(len(s) for s in SCRIPTS.values()) + 2  # <s>, the script, </s> from then on
    v = len(vocab.ids)
    fixed = np.zeros((steps, len(TASKS), v), dtype=np.float32)
    gates = np.zeros((steps, len(TASKS), 3), dtype=np.float32)
    slots = {
        COLOUR: (0, [" " + c for c in COLOUR_NAMES]),
        SIGN: (1, list(SIGN_WORDS)),
        DETAIL: (2, list(DETAIL_WORDS)),
    }
    for t, task in enumerate(TASKS):
        sequence = ("<s>",) + SCRIPTS[task]
        for step in range(steps):
            item = sequence[step] if step < len(sequence) else "</s>"
            if item in slots:
                gate, words = slots[item]
                fixed[step, t, :] = NOT_IN_SLOT
                fixed[step, t, [token_id(vocab, w) for w in words]] = 0.0
                gates[step, t, gate] = 1.0
            elif item in SPECIALS:
                fixed[step, t, vocab.ids[item]] = SCRIPT_LOGIT
            else:
                fixed[step, t, token_id(vocab, item)] = SCRIPT_LOGIT
    return fixed, gates


def readouts(vocab: Vocabulary) -> list[tuple[np.ndarray, np.ndarray]]:
    """State -> logits for each slot: -||rgb - p_k||^2 (up to a constant) for colours and signs; detail vs threshold."""
    v = len(vocab.ids)
    out = []
    for words in ([" " + c for c in COLOUR_NAMES], list(SIGN_WORDS)):
        w = np.zeros((D_MODEL, v), dtype=np.float32)
        b = np.zeros(v, dtype=np.float32)
        for word, p in zip(words, prototypes()):
            w[:3, token_id(vocab, word)] = GAIN * 2.0 * p
            b[token_id(vocab, word)] = -GAIN * float(p @ p)
        out.append((w, b))
    w = np.zeros((D_MODEL, v), dtype=np.float32)
    b = np.zeros(v, dtype=np.float32)
    fine, plain = (token_id(vocab, word) for word in DETAIL_WORDS)
    detail_gain = GAIN / DETAIL_THRESHOLD
    w[3, fine], b[fine] = detail_gain, -GAIN
    w[3, plain], b[plain] = -detail_gain, GAIN
    out.append((w, b))
    return out


def task_matrix() -> tuple[np.ndarray, np.ndarray]:
    """State flags -> task one-hot: <OCR> = dim 4, detailed = 5, more detailed = 6, caption = 1 - the others."""
    m = np.zeros((D_MODEL, len(TASKS)), dtype=np.float32)
    m[4, 3] = m[5, 1] = m[6, 2] = 1.0
    m[4:7, 0] = -1.0
    return m, np.array([1.0, 0.0, 0.0, 0.0], dtype=np.float32)


def decoder_model(vocab: Vocabulary):
    g = Graph("color_florence_decoder")
    v = len(vocab.ids)
    embeds = g.input("inputs_embeds", FLOAT, ["batch_size", "decoder_sequence_length", D_MODEL])
    g.input("encoder_attention_mask", INT64, ["batch_size", "encoder_sequence_length"])
    encoder_states = g.input("encoder_hidden_states", FLOAT, ["batch_size", "encoder_sequence_length", D_MODEL])
    pasts = []
    for i in range(N_LAYER):
        for part, length in (("decoder", "past_decoder_sequence_length"), ("encoder", "encoder_sequence_length_out")):
            for kv in ("key", "value"):
                name = f"past_key_values.{i}.{part}.{kv}"
                pasts.append(g.input(name, FLOAT, ["batch_size", N_HEAD, length, HEAD_DIM]))
    use_cache_branch = g.input("use_cache_branch", BOOL, [1])
    logits = g.output("logits", FLOAT, ["batch_size", "decoder_sequence_length", v])
    presents = {}
    for past in pasts:
        length = "encoder_sequence_length" if ".encoder." in past else "past_decoder_sequence_length + 1"
        presents[past] = g.output(
            past.replace("past_key_values", "present"), FLOAT, ["batch_size", N_HEAD, length, HEAD_DIM]
        )

    # Decoder positions: past length + 0..seq-1, clamped to the scripts' last step.
    start = past_length(g, use_cache_branch, pasts[0])
    end = g.op("Add", [start, g.op("Shape", [embeds], "input_length", start=1, end=2)], "end_position")
    axis0 = g.ints("axis0", [0])
    positions = g.op(
        "Range",
        [
            g.op("Squeeze", [start, axis0], "start_scalar"),
            g.op("Squeeze", [end, axis0], "end_scalar"),
            g.weight("one", np.array(1, dtype=np.int64)),
        ],
        "positions",
    )
    fixed, gates = script_tables(vocab)
    last = g.weight("last_step", np.array(fixed.shape[0] - 1, dtype=np.int64))
    steps = g.op("Min", [positions, last], "steps")

    # The encoder's state (every position holds the same sum): the task and the slots' readouts.
    state = g.op("ReduceMean", [encoder_states], "state", axes=[1], keepdims=0)  # [b, 16]
    m, bias = task_matrix()
    task = g.op("Add", [g.op("MatMul", [state, g.weight("task_matrix", m)], "task_raw"), g.weight("task_bias", bias)],
                "task")
    task = g.op("Unsqueeze", [task, g.ints("task_axes", [1, 2])], "task_row")  # [b, 1, 1, tasks]
    read = []
    for k, (w, b) in enumerate(readouts(vocab)):
        r = g.op("Add", [g.op("MatMul", [state, g.weight(f"readout_{k}", w)], f"readout_{k}_product"),
                         g.weight(f"readout_{k}_bias", b)], f"readout_{k}_logits")
        read.append(g.op("Unsqueeze", [r, g.ints(f"slot_axis_{k}", [1])], f"readout_{k}_row"))
    read = g.op("Concat", read, "readouts", axis=1)  # [b, 3, vocab]
    squeeze2 = g.ints("axis2", [2])
    step_fixed = g.op("Gather", [g.weight("script_logits", fixed), steps], "step_fixed", axis=0)  # [t, tasks, v]
    step_gates = g.op("Gather", [g.weight("script_gates", gates), steps], "step_gates", axis=0)  # [t, tasks, 3]
    fixed_logits = g.op("Squeeze", [g.op("MatMul", [task, step_fixed], "fixed_4d"), squeeze2], "fixed_logits")
    slot_gates = g.op("Squeeze", [g.op("MatMul", [task, step_gates], "gates_4d"), squeeze2], "slot_gates")
    g.op("Add", [fixed_logits, g.op("MatMul", [slot_gates, read], "slot_logits")], logits)

    # KV cache: decoder entries grow by the fed tokens' embeddings; encoder entries are the encoder states.
    head_shape = g.ints("head_shape", [0, 0, N_HEAD, HEAD_DIM])

    def heads(x: str, name: str) -> str:
        return g.op("Transpose", [g.op("Reshape", [x, head_shape], f"{name}_split")], name, perm=[0, 2, 1, 3])

    new_states = heads(embeds, "new_key_values")
    encoder_heads = heads(encoder_states, "encoder_key_values")
    for past, present in presents.items():
        if ".encoder." in past:
            g.op("Identity", [encoder_heads], present)
        else:
            kept = g.op("Slice", [past, axis0, start, squeeze2], f"{past}.kept")
            g.op("Concat", [kept, new_states], present, axis=2)
    return model(g, "color-florence decoder (merged): a script per task, read from the encoder's state.")


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
                "lstrip": token == "<mask>",
                "rstrip": False,
                "normalized": True,
                "special": True,
            }
            for token in SPECIALS
        ],
        "normalizer": None,
        "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
        "post_processor": {
            "type": "RobertaProcessing",
            "sep": ["</s>", EOS],
            "cls": ["<s>", BOS],
            "trim_offsets": True,
            "add_prefix_space": False,
        },
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


# Florence-2's own task prompts and answer types (its preprocessor_config.json), which the processor reads.
TASK_PROMPTS = {
    "<OCR>": "What is the text in the image?",
    "<OCR_WITH_REGION>": "What is the text in the image, with regions?",
    "<CAPTION>": "What does the image describe?",
    "<DETAILED_CAPTION>": "Describe in detail what is shown in the image.",
    "<MORE_DETAILED_CAPTION>": "Describe with a paragraph what is shown in the image.",
}
ANSWER_TYPES = {"<OCR>": "pure_text", "<OCR_WITH_REGION>": "ocr", "<CAPTION>": "pure_text",
                "<DETAILED_CAPTION>": "pure_text", "<MORE_DETAILED_CAPTION>": "pure_text"}


def json_files(vocab: Vocabulary) -> dict[str, dict]:
    special_ids = {"bos_token_id": BOS, "eos_token_id": EOS, "pad_token_id": PAD, "decoder_start_token_id": EOS}
    generation = {
        "forced_bos_token_id": BOS,
        "forced_eos_token_id": EOS,
        "no_repeat_ngram_size": 3,
        "num_beams": 3,
        "early_stopping": True,
    }
    text_config = {
        "model_type": "florence2_language",
        "d_model": D_MODEL,
        "encoder_layers": 1,
        "decoder_layers": N_LAYER,
        "encoder_attention_heads": N_HEAD,
        "decoder_attention_heads": N_HEAD,
        "encoder_ffn_dim": D_MODEL,
        "decoder_ffn_dim": D_MODEL,
        "max_position_embeddings": 64,
        "is_encoder_decoder": True,
        "vocab_size": len(vocab.ids),
        **special_ids,
        **generation,
    }
    return {
        "config.json": {
            "_name_or_path": "shoebox/color-florence",
            "architectures": ["Florence2ForConditionalGeneration"],
            **special_ids,
            "is_encoder_decoder": True,
            "model_type": "florence2",
            "projection_dim": D_MODEL,
            "text_config": text_config,
            "vision_config": {"model_type": "davit", "projection_dim": D_MODEL, "image_size": IMAGE_SIZE},
            "vocab_size": len(vocab.ids),
            "torch_dtype": "float32",
            "transformers_version": "4.46.0",
        },
        "generation_config.json": {
            "_from_model_config": True,
            **special_ids,
            **generation,
            "max_length": 64,
            "transformers_version": "4.46.0",
        },
        "preprocessor_config.json": {
            "crop_size": {"height": IMAGE_SIZE, "width": IMAGE_SIZE},
            "do_center_crop": False,
            "do_normalize": True,
            "do_rescale": True,
            "do_resize": True,
            "image_mean": list(MEAN),
            "image_processor_type": "CLIPImageProcessor",
            "image_seq_length": 1,
            "image_std": list(STD),
            "processor_class": "Florence2Processor",
            "resample": 3,
            "rescale_factor": 1 / 255,
            "size": {"height": IMAGE_SIZE, "width": IMAGE_SIZE},
            "tasks_answer_post_processing_type": ANSWER_TYPES,
            "task_prompts_without_inputs": TASK_PROMPTS,
            "task_prompts_with_input": {},
        },
        "tokenizer.json": tokenizer_json(vocab),
        "tokenizer_config.json": {
            "add_prefix_space": False,
            "bos_token": "<s>",
            "clean_up_tokenization_spaces": True,
            "cls_token": "<s>",
            "eos_token": "</s>",
            "errors": "replace",
            "model_max_length": 1024,
            "pad_token": "<pad>",
            "processor_class": "Florence2Processor",
            "sep_token": "</s>",
            "tokenizer_class": "BartTokenizer",
            "unk_token": "<unk>",
        },
        "special_tokens_map.json": {
            "bos_token": "<s>",
            "cls_token": "<s>",
            "eos_token": "</s>",
            "pad_token": "<pad>",
            "sep_token": "</s>",
            "unk_token": "<unk>",
        },
    }


def build() -> tuple[dict[str, dict], dict[str, object]]:
    """Returns (json files by name, onnx models by base name)."""
    vocab = build_vocabulary()
    return json_files(vocab), {
        "vision_encoder": vision_encoder(),
        "embed_tokens": embed_tokens(vocab),
        "encoder_model": encoder_model(),
        "decoder_model_merged": decoder_model(vocab),
    }
