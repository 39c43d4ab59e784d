/** Refusing Monarch grammars whose regexes can backtrack catastrophically (`unsafe-grammar`). */
export { checkFormatGrammar, clearGrammarSafetyCache, findUnsafeGrammar, unsafeGrammarFailure, type UnsafeRule } from './find-unsafe-grammar.js';
export { collectMonarchRegexes, type GrammarRegex, type RuleLocation } from './monarch-regexes.js';
export { judgeRegex, stopRegexChecker, type RegexVerdict } from './regex-verdict.js';
