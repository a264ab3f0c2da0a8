/** Caption metrics for evaluating captioning models: BLEU-1..4, ROUGE-L, METEOR and CIDEr-D. */

export { bleuCorpus } from './bleu';
export { ciderDCorpus, CIDER_D_MAX_N, CIDER_D_SIGMA } from './ciderD';
export { meteorAlign, meteorCorpus, meteorSentence, meteorTokens } from './meteor';
export { captionTokenize, ngramCounts, type CaptionSample, type CorpusScore } from './ngrams';
export { lcsLength, ROUGE_L_BETA, rougeLCorpus, rougeLSentence } from './rougeL';
