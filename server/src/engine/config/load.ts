// Validates `.opinionlintrc.json` (found and read by workspace/config.ts). Configuration is data: it
// is parsed with a strict JSON reader (never `require`d), every key is checked, and problems come
// back as data (Chinese messages naming the file and the key) so the CLI can exit 2 and the server
// can fall back. Whether a profile path may be used (it names a file; a workspace config's stays
// inside its folder) is the caller's `check` to tell.

import path from 'node:path';
import { RULES, getRule } from '../rules';
import { BUILTIN_PROFILES } from '../profile/load';
import type { Profile } from '../profile/types';
import type { Severity } from '../types';
import { isJsonObject, JsonSyntaxError, parseJson, type JsonValue } from './json';
import { type BylineOverride, type LintConfig, type RuleSetting } from './types';

export const CONFIG_FILE_NAME = '.opinionlintrc.json';

const SEVERITIES: readonly string[] = ['error', 'warning', 'information', 'hint'];
const TOP_KEYS = ['$schema', 'profile', 'rules', 'allowPhrases', 'byline', 'maxFileSize'];
const BYLINE_KEYS = ['marker', 'position', 'separator'];
const BYLINE_POSITIONS = ['after-headline', 'end', 'none'];
/** A config file larger than this is not a config file. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

export interface ConfigError {
  file: string;
  /** Dotted path of the offending key (`rules.slogan-repeat.severity`); absent for file-level errors. */
  key?: string;
  /** Chinese, names the file and the key and says what to do. */
  message: string;
}

/** What one config file says; only the keys it sets are present. */
export interface ConfigLayer {
  profile?: string;
  rules?: Record<string, Partial<RuleSetting>>;
  allowPhrases?: string[];
  byline?: BylineOverride;
  maxFileSize?: number;
}

export interface LoadedConfig {
  config: LintConfig;
  /** The config file that applied, if any. */
  file?: string;
  errors: ConfigError[];
}

/** Checks an absolute profile path: undefined when it may be used, else why not (Chinese). The workspace's. */
export type ProfilePathCheck = (abs: string) => string | undefined;

/** Validates config text; `file` names it in messages and anchors a relative profile path. */
export function parseConfigText(text: string, file: string, check: ProfilePathCheck): { layer: ConfigLayer; errors: ConfigError[] } {
  let raw: JsonValue;
  try {
    raw = parseJson(text);
  } catch (err) {
    // The parser's message gives the position and what was expected, never the file's text.
    const detail = err instanceof JsonSyntaxError ? err.message : '无法解析';
    return { layer: {}, errors: [{ file, message: `配置文件 ${file} 不是有效的 JSON（${detail}）。请修正语法后重试。` }] };
  }
  return validateConfig(raw, file, check);
}

export function validateConfig(raw: JsonValue, file: string, check: ProfilePathCheck): { layer: ConfigLayer; errors: ConfigError[] } {
  const errors: ConfigError[] = [];
  const layer: ConfigLayer = {};
  const err = (key: string | undefined, what: string) =>
    errors.push({ file, key, message: key ? `配置文件 ${file} 的 “${key}”：${what}` : `配置文件 ${file}：${what}` });

  if (!isJsonObject(raw)) {
    err(undefined, `顶层应为 JSON 对象 { … }，实际是${typeName(raw)}。`);
    return { layer, errors };
  }
  for (const key of Object.keys(raw)) {
    if (!TOP_KEYS.includes(key)) err(key, `未知的配置项。${suggest(key, TOP_KEYS)}可用的配置项：${TOP_KEYS.filter((k) => k !== '$schema').join('、')}。`);
  }

  if ('profile' in raw) {
    const v = raw.profile;
    if (typeof v !== 'string' || !v.trim()) err('profile', `应为内置文风档案名（${BUILTIN_PROFILES.join('、')}）或档案 JSON 文件的路径，实际是${typeName(v)}。`);
    else {
      const resolved = resolveProfileSpec(v, path.dirname(file), check);
      if (resolved.error) err('profile', resolved.error);
      else layer.profile = resolved.profile;
    }
  }

  if ('rules' in raw) {
    const rules = raw.rules;
    if (!isJsonObject(rules)) err('rules', `应为对象，键是规则名，值是 "off"、严重级别或 { "severity", "options" }，实际是${typeName(rules)}。`);
    else {
      layer.rules = {};
      for (const id of Object.keys(rules)) {
        const setting = validateRuleSetting(id, rules[id], (key, what) => err(key, what));
        if (setting) layer.rules[id] = setting;
      }
    }
  }

  if ('allowPhrases' in raw) {
    const v = raw.allowPhrases;
    if (!Array.isArray(v)) err('allowPhrases', `应为字符串数组，例如 ["高质量发展"]，实际是${typeName(v)}。`);
    else {
      const phrases: string[] = [];
      v.forEach((p, i) => {
        if (typeof p !== 'string' || !p.trim()) err(`allowPhrases[${i}]`, `应为非空字符串，实际是${typeName(p)}。`);
        else phrases.push(p.trim());
      });
      layer.allowPhrases = phrases;
    }
  }

  if ('byline' in raw) {
    const v = raw.byline;
    if (!isJsonObject(v)) err('byline', `应为对象，可含 marker、position、separator，实际是${typeName(v)}。`);
    else {
      const byline: BylineOverride = {};
      for (const key of Object.keys(v)) {
        if (!BYLINE_KEYS.includes(key)) err(`byline.${key}`, `未知的署名设置。${suggest(key, BYLINE_KEYS)}可用：${BYLINE_KEYS.join('、')}。`);
      }
      if ('marker' in v) {
        if (typeof v.marker !== 'string') err('byline.marker', `应为字符串（如 "●"），实际是${typeName(v.marker)}。`);
        else byline.marker = v.marker;
      }
      if ('separator' in v) {
        if (typeof v.separator !== 'string' || !v.separator) err('byline.separator', `应为非空字符串（如 " " 或 "、"），实际是${typeName(v.separator)}。`);
        else byline.separator = v.separator;
      }
      if ('position' in v) {
        if (typeof v.position !== 'string' || !BYLINE_POSITIONS.includes(v.position)) {
          err('byline.position', `应为 ${BYLINE_POSITIONS.map((p) => `"${p}"`).join('、')} 之一，实际是${describeValue(v.position)}。`);
        } else byline.position = v.position as BylineOverride['position'];
      }
      layer.byline = byline;
    }
  }

  if ('maxFileSize' in raw) {
    const v = raw.maxFileSize;
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) err('maxFileSize', `应为正整数（字节数），实际是${describeValue(v)}。`);
    else layer.maxFileSize = v;
  }
  return { layer, errors };
}

function validateRuleSetting(id: string, value: JsonValue, err: (key: string, what: string) => void): Partial<RuleSetting> | undefined {
  const key = `rules.${id}`;
  const rule = getRule(id);
  if (!rule) {
    err(key, `未知的规则 “${id}”。${suggest(id, RULES.map((r) => r.id))}可用规则：${RULES.map((r) => r.id).join('、')}。`);
    return undefined;
  }
  if (typeof value === 'string') {
    if (!isSeverityOrOff(value)) {
      err(key, `无效的取值 ${describeValue(value)}，应为 "off"、"error"、"warning"、"information" 或 "hint"。`);
      return undefined;
    }
    return { severity: value };
  }
  if (!isJsonObject(value)) {
    err(key, `应为 "off"、严重级别字符串或 { "severity": …, "options": { … } }，实际是${typeName(value)}。`);
    return undefined;
  }
  const setting: Partial<RuleSetting> = {};
  let ok = true;
  for (const k of Object.keys(value)) {
    if (k !== 'severity' && k !== 'options') {
      err(`${key}.${k}`, `未知的键，规则设置只接受 severity 和 options。`);
      ok = false;
    }
  }
  if ('severity' in value) {
    if (typeof value.severity !== 'string' || !isSeverityOrOff(value.severity)) {
      err(`${key}.severity`, `无效的严重级别 ${describeValue(value.severity)}，应为 "off"、"error"、"warning"、"information" 或 "hint"。`);
      ok = false;
    } else setting.severity = value.severity;
  }
  if ('options' in value) {
    const options = validateRuleOptions(rule.id, value.options, rule.defaultOptions ?? {}, Object.keys(rule.docs.options ?? {}), err);
    if (options) setting.options = options;
    else ok = false;
  }
  return ok ? setting : undefined;
}

/** Options must be ones the rule declares, with the type of their default value. */
function validateRuleOptions(
  id: string,
  value: JsonValue,
  defaults: Record<string, unknown>,
  documented: string[],
  err: (key: string, what: string) => void,
): Record<string, unknown> | undefined {
  const key = `rules.${id}.options`;
  if (!isJsonObject(value)) {
    err(key, `应为对象，实际是${typeName(value)}。`);
    return undefined;
  }
  const known = [...new Set([...Object.keys(defaults), ...documented])];
  const out: Record<string, unknown> = {};
  let ok = true;
  for (const name of Object.keys(value)) {
    if (!known.includes(name)) {
      err(`${key}.${name}`, known.length ? `规则 ${id} 没有这个选项。${suggest(name, known)}可用选项：${known.join('、')}。` : `规则 ${id} 没有可配置的选项。`);
      ok = false;
      continue;
    }
    const expected = defaults[name];
    const got = value[name];
    if (expected !== undefined && expected !== null && !sameJsonType(expected, got)) {
      err(`${key}.${name}`, `类型不对：应为${typeName(expected as JsonValue)}，实际是${typeName(got)}。`);
      ok = false;
      continue;
    }
    out[name] = plainCopy(got);
  }
  return ok ? out : undefined;
}

/** `base` with `layer`'s keys applied; rule settings merge per rule (options per option). */
export function mergeConfig(base: LintConfig, layer: ConfigLayer): LintConfig {
  const rules: LintConfig['rules'] = { ...base.rules };
  for (const [id, setting] of Object.entries(layer.rules ?? {})) {
    const prev = rules[id];
    rules[id] = {
      ...prev,
      ...setting,
      ...(prev?.options || setting.options ? { options: { ...prev?.options, ...setting.options } } : {}),
    };
  }
  return {
    profile: layer.profile ?? base.profile,
    rules,
    allowPhrases: layer.allowPhrases ? [...new Set([...base.allowPhrases, ...layer.allowPhrases])] : base.allowPhrases,
    byline: layer.byline ? { ...base.byline, ...layer.byline } : base.byline,
    maxFileSize: layer.maxFileSize ?? base.maxFileSize,
  };
}

/**
 * `--rule id=severity` from the command line. Returns the setting or a Chinese error.
 */
export function parseRuleFlag(flag: string): { id: string; severity: Severity | 'off' } | { error: string } {
  const m = /^([\w-]+)\s*[=:]\s*(\w+)$/.exec(flag.trim());
  if (!m) return { error: `--rule 的格式应为 规则名=严重级别，例如 --rule slogan-cliche=off，实际是 “${flag}”。` };
  const [, id, severity] = m;
  if (!getRule(id)) return { error: `--rule：未知的规则 “${id}”。${suggest(id, RULES.map((r) => r.id))}可用规则：${RULES.map((r) => r.id).join('、')}。` };
  if (!isSeverityOrOff(severity)) return { error: `--rule ${id}：无效的严重级别 “${severity}”，应为 off、error、warning、information 或 hint。` };
  return { id, severity };
}

/**
 * A built-in profile name, or a path (relative to `baseDir`) to a profile JSON file.
 * Paths are returned absolute; one that `check` refuses (it does not exist, say) is an error.
 */
export function resolveProfileSpec(spec: string, baseDir: string, check: ProfilePathCheck): { profile: string; error?: undefined } | { error: string; profile?: undefined } {
  const value = spec.trim();
  if ((BUILTIN_PROFILES as readonly string[]).includes(value)) return { profile: value };
  const looksLikePath = /[\\/]/.test(value) || /\.json$/i.test(value);
  if (!looksLikePath) {
    return { error: `未知的内置文风档案 “${value}”。可用：${BUILTIN_PROFILES.join('、')}；或给出档案 JSON 文件的路径（如 ./house-profile.json）。` };
  }
  const abs = path.resolve(baseDir, value);
  const problem = check(abs);
  return problem === undefined ? { profile: abs } : { error: problem };
}

/**
 * The profile as the config wants it: a byline override changes a copy of the learned byline
 * model (the cached profile is shared and never mutated).
 */
export function applyConfigToProfile(profile: Profile, config: LintConfig): Profile {
  const override = config.byline;
  if (!override || (override.marker === undefined && override.position === undefined && override.separator === undefined)) return profile;
  const byline = { ...profile.house.byline };
  if (override.marker !== undefined) byline.marker = override.marker;
  if (override.position !== undefined) {
    byline.position = override.position;
    byline.expected = override.position !== 'none';
  }
  if (override.separator !== undefined) byline.separators = { [override.separator]: 1 };
  return { ...profile, house: { ...profile.house, byline } };
}

function isSeverityOrOff(v: string): v is Severity | 'off' {
  return v === 'off' || SEVERITIES.includes(v);
}

function sameJsonType(expected: unknown, got: JsonValue): boolean {
  if (Array.isArray(expected)) return Array.isArray(got);
  if (typeof expected === 'object') return isJsonObject(got);
  return typeof expected === typeof got;
}

/** A JSON value copied into ordinary objects, dropping keys that could reach a prototype. */
function plainCopy(v: JsonValue): unknown {
  if (Array.isArray(v)) return v.map(plainCopy);
  if (isJsonObject(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) {
      if (k === '__proto__' || k === 'constructor' || k === 'prototype') continue;
      out[k] = plainCopy(v[k]);
    }
    return out;
  }
  return v;
}

function typeName(v: JsonValue | undefined): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return '数组';
  switch (typeof v) {
    case 'string':
      return '字符串';
    case 'number':
      return '数字';
    case 'boolean':
      return '布尔值';
    case 'object':
      return '对象';
    default:
      return '空值';
  }
}

function describeValue(v: JsonValue | undefined): string {
  return typeof v === 'string' ? `“${v}”` : `${typeName(v)} ${JSON.stringify(v)}`;
}

/** "你是不是想写 “profile”？" for a near miss, else ''. */
function suggest(word: string, options: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const o of options) {
    const d = editDistance(word.toLowerCase(), o.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = o;
    }
  }
  return best && bestDistance <= Math.max(1, Math.floor(best.length / 3)) ? `是不是想写 “${best}”？` : '';
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = next;
    }
  }
  return row[b.length];
}

