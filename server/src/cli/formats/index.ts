// The formatter registry. A format is a module exporting a FormatDefinition; add it to FORMATS.

import { jsonFormat } from './json';
import { htmlFormat, markdownFormat } from './report';
import { sarifFormat } from './sarif';
import { stylishFormat } from './stylish';
import type { FormatDefinition } from './types';

export const FORMATS: readonly FormatDefinition[] = [stylishFormat, jsonFormat, sarifFormat, htmlFormat, markdownFormat];

export function getFormat(name: string): FormatDefinition | undefined {
  return FORMATS.find((f) => f.name === name);
}

export type { FormatContext, FormatDefinition, FormatResult, Formatter, LintTotals, OutputSink } from './types';
