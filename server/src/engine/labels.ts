// The Chinese names of rule families and severities: one table for the hover, the folder report,
// the CLI's formats and `explain`, and the rules page. Severity names follow VS Code's own Chinese
// (错误、警告、信息、提示), so a hint is never called by the name of information.

import type { RuleFamily, Severity } from './types';

export const FAMILY_NAMES: Record<RuleFamily, string> = { slogan: '套话口号', figure: '数字', byline: '署名', typography: '排版' };

export const SEVERITY_NAMES: Record<Severity, string> = { error: '错误', warning: '警告', information: '信息', hint: '提示' };
