/**
 * How long a line Monarch grammars tokenize. Monarch runs on the renderer's main thread and
 * tokenizes a line in one go — Monaco has no time budget within a line, only this length cap
 * (`maxTokenizationLineLength`; longer lines are shown untokenized, in the default colour).
 *
 * main refuses grammars whose regexes backtrack catastrophically (`unsafe-grammar`), but an
 * accepted grammar can still cost O(length²) per line: a linear rule that scans to the end of
 * the line and fails, tried at every position before a one-character rule moves on. Measured
 * (Node 20's V8, Chromium's engine) for `[a-z]+\d` then `.` on a line of letters: 20 000
 * characters (Monaco's default) take ~340 ms per such rule, 10 000 ~90 ms, 5 000 ~21 ms — three
 * such rules at 5 000 ~55 ms. 5 000 keeps a line of any accepted grammar well under a frame
 * budget of 200 ms, and highlights every hand-written line; minified files lose their colours.
 *
 * Rendering is bounded separately by Monaco's `stopRenderingLineAfter` (10 000 characters by
 * default), which Quire keeps.
 */
export const MAX_TOKENIZATION_LINE_LENGTH = 5_000;
