// Core types shared by the engine, the CLI and the language server.
// All offsets are UTF-16 code-unit offsets into the original text (JS string indices),
// which is exactly what LSP positions count.

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type RuleFamily = 'slogan' | 'figure' | 'byline' | 'typography';

export interface Span {
  start: number;
  end: number;
}

export interface TextEdit extends Span {
  newText: string;
}

export interface Fix {
  /** Chinese, shown as the quick-fix title. */
  title: string;
  edits: TextEdit[];
}

export interface RelatedSpan extends Span {
  message: string;
}

/** Structured corpus evidence a hover can render. */
export type Evidence =
  | {
      kind: 'phrase';
      phrase: string;
      corpusCount: number;
      articleCount: number;
      maxPerArticle: number;
      /** The allowed count per draft that the rule used. */
      limit?: number;
      /** How many times this draft uses it. */
      draftCount: number;
      keyness?: number;
      /** Months and distinct subjects of the articles that use it (the table's evidence). */
      months?: number;
      subjects?: number;
      /** Chinese: why the archive counts it as formulaic (phrases/explain.ts). */
      why?: string;
      examples: ExampleRef[];
    }
  | {
      kind: 'figure';
      value: number;
      unit: string;
      raw: string;
      subject: string[];
      attribution?: string;
      published?: PublishedFigureRef;
      conflictsWith?: PublishedFigureRef;
      /** The figure's sentence, quoted (set when it conflicts with another figure). */
      sentence?: string;
      /** The figure of the same draft it conflicts with: as written, its sentence and its line (0-based). */
      conflictsWithDraft?: { raw: string; sentence: string; line: number };
    }
  | {
      kind: 'byline';
      found?: string;
      houseForm: string;
      details: string;
    }
  | { kind: 'density'; perThousand: number; p50: number; p90: number; phrases: number; chars: number }
  | {
      kind: 'formulation';
      /** The canonical text and the draft's variant of it. */
      canonical: string;
      variant: string;
      /** How they differ (profile/types.ts FormulationEdit), and in plain Chinese. */
      edit: string;
      difference: string;
      /** Articles of the archive writing each. */
      canonicalArticles: number;
      variantArticles: number;
      examples: ExampleRef[];
      variantExamples: ExampleRef[];
    };

export interface ExampleRef {
  /** Article headline in the corpus. */
  headline: string;
  /** Source file relative to the corpus root. */
  file: string;
  /** UTF-16 offset of the occurrence in that file. */
  offset: number;
}

export interface PublishedFigureRef extends ExampleRef {
  value: number;
  unit: string;
  subject: string[];
  /** Publication date (YYYY-MM-DD) when the archive file's path gives one. */
  date?: string;
}

export interface Finding extends Span {
  ruleId: string;
  severity: Severity;
  /** Chinese, says what is wrong and what to do. */
  message: string;
  /** A fix certain enough to apply unasked (`--fix`, fix all). */
  fix?: Fix;
  /** Fixes the writer may choose in the editor (quick fixes), never applied unasked. */
  suggestions?: Fix[];
  related?: RelatedSpan[];
  evidence?: Evidence;
}

/** What a rule returns: severity is filled in by the engine from config/defaults. */
export type RuleFinding = Omit<Finding, 'ruleId' | 'severity'> & { severity?: Severity };
