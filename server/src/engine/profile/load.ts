// Reading a profile's text (the workspace reads the file, see workspace/profiles.ts). Never throws:
// malformed text yields a Chinese message naming the file and the bad key, or the line and column
// of a syntax error, and never quoting the text. Parsed JSON is null-prototype data with
// `__proto__`/`constructor`/`prototype` keys dropped.

import { JsonSyntaxError, parseJson } from '../config/json';
import { PROFILE_FORMAT, PROFILE_VERSION, type Profile } from './types';

export const BUILTIN_PROFILES = ['default', 'people-daily'] as const;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** JSON.parse into null-prototype objects, without keys that could reach Object.prototype. */
export function parseSafeJson(text: string): unknown {
  // One pass over the parsed tree: about twice as fast as a reviver called on every value.
  return withoutPrototypes(JSON.parse(text));
}

/**
 * The parsed objects themselves, their prototype set to null: a copy into Object.create(null) would
 * be a hash table (V8 keeps such objects in dictionary mode), and the rules read published figures
 * and phrase statistics in their innermost loops; JSON.parse's objects of one shape share a map.
 */
function withoutPrototypes(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = withoutPrototypes(value[i]);
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const k of Object.keys(record)) {
    if (FORBIDDEN_KEYS.has(k)) delete record[k];
    else record[k] = withoutPrototypes(record[k]);
  }
  Object.setPrototypeOf(record, null);
  return record;
}

export function parseProfileText(text: string, file: string): { profile?: Profile; error?: string } {
  let data: unknown;
  try {
    data = parseSafeJson(text.replace(/^\uFEFF/, ''));
  } catch {
    return { error: `配置档案 ${file} 不是有效的 JSON（${syntaxErrorAt(text)}）。` };
  }
  const bad = validateProfile(data);
  if (bad) return { error: `配置档案 ${file} 无效：字段 “${bad.key}” ${bad.problem}。` };
  return { profile: data as Profile };
}

/**
 * Where text that JSON.parse refused goes wrong, from the strict reader (config/json.ts): JSON.parse's
 * own message quotes the text (`Unexpected token 'S', "SHELL=/bin"...`), which must never reach a
 * message. Run on failure only: the fast path stays JSON.parse.
 */
function syntaxErrorAt(text: string): string {
  try {
    parseJson(text, { allowDuplicateKeys: true });
  } catch (err) {
    if (err instanceof JsonSyntaxError) return err.message;
  }
  return '语法错误';
}

type Check = (v: unknown) => boolean;
const isNum: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const isStr: Check = (v) => typeof v === 'string';
const isBool: Check = (v) => typeof v === 'boolean';
const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

interface Problem {
  key: string;
  problem: string;
}

/** First shape problem, as a dotted key path and a Chinese description, or undefined when valid. */
export function validateProfile(data: unknown): Problem | undefined {
  if (!isObj(data)) return { key: '(根)', problem: '应为 JSON 对象' };
  if (data.format !== PROFILE_FORMAT) return { key: 'format', problem: `应为 "${PROFILE_FORMAT}"` };
  if (data.version !== PROFILE_VERSION) return { key: 'version', problem: `应为 ${PROFILE_VERSION}（此版本的 Opinion Lint 只能读取第 ${PROFILE_VERSION} 版档案，请用 opinion-lint learn 重新生成）` };
  if (!isStr(data.name)) return { key: 'name', problem: '应为字符串' };
  if (data.kind !== 'profile' && data.kind !== 'shard') return { key: 'kind', problem: '应为 "profile" 或 "shard"' };
  const house = data.house;
  if (!isObj(house)) return { key: 'house', problem: '应为对象' };
  const register = data.register;
  if (!isObj(register)) return { key: 'register', problem: '应为对象' };

  const checks: [string, unknown, Check | 'object' | 'array' | 'record', string][] = [
    ['house.sources', house.sources, 'array', '应为数组'],
    ['house.byline', house.byline, 'object', '应为对象'],
    ['house.numberStyle', house.numberStyle, 'object', '应为对象'],
    ['house.figures', house.figures, 'array', '应为数组'],
    ['register.sources', register.sources, 'array', '应为数组'],
    ['register.articles', register.articles, isNum, '应为数字'],
    ['register.chars', register.chars, isNum, '应为数字'],
    ['register.tokens', register.tokens, isNum, '应为数字'],
    ['register.phrases', register.phrases, 'array', '应为数组'],
    ['register.quoted', register.quoted, 'array', '应为数组'],
    ['register.stock', register.stock, 'array', '应为数组'],
    ['register.density', register.density, 'object', '应为对象'],
    ['register.attributionCues', register.attributionCues, 'record', '应为“提示词 → 次数”的对象'],
  ];
  if (register.thingAliases !== undefined) checks.push(['register.thingAliases', register.thingAliases, 'record', '应为“简称=全称 → 次数”的对象']);
  for (const [key, value, check, problem] of checks) {
    const ok = check === 'object' ? isObj(value) : check === 'array' ? Array.isArray(value) : check === 'record' ? isObj(value) && Object.values(value).every(isNum) : check(value);
    if (!ok) return { key, problem };
  }

  const byline = house.byline as Record<string, unknown>;
  for (const k of ['articlesWithByline', 'articles']) if (!isNum(byline[k])) return { key: `house.byline.${k}`, problem: '应为数字' };
  if (!isBool(byline.expected)) return { key: 'house.byline.expected', problem: '应为 true 或 false' };
  if (!['after-headline', 'end', 'none'].includes(byline.position as string)) return { key: 'house.byline.position', problem: '应为 "after-headline"、"end" 或 "none"' };
  if (!isStr(byline.marker)) return { key: 'house.byline.marker', problem: '应为字符串' };
  for (const k of ['positionCounts', 'markers', 'nameLengths', 'separators']) {
    const r = byline[k];
    if (!isObj(r) || !Object.values(r).every(isNum)) return { key: `house.byline.${k}`, problem: '应为“键 → 次数”的对象' };
  }

  const style = house.numberStyle as Record<string, unknown>;
  for (const k of ['arabicCounts', 'chineseCounts', 'fullWidthDigits', 'thousandsSeparators', 'twoDigitYears']) {
    if (!isNum(style[k])) return { key: `house.numberStyle.${k}`, problem: '应为数字' };
  }
  if (style.fullYears !== undefined && !isNum(style.fullYears)) return { key: 'house.numberStyle.fullYears', problem: '应为数字' };
  if (!isObj(style.rangeMarks)) return { key: 'house.numberStyle.rangeMarks', problem: '应为对象' };

  const figures = house.figures as unknown[];
  for (let i = 0; i < figures.length; i++) {
    const f = figures[i];
    if (!isObj(f) || !isNum(f.value) || !isStr(f.unit) || !Array.isArray(f.subject) || !f.subject.every(isStr) || !isStr(f.file) || !isNum(f.offset) || !isStr(f.headline)) {
      return { key: `house.figures[${i}]`, problem: '应为 {value, unit, subject[], headline, file, offset}' };
    }
    const bad = badFigureIdentity(f);
    if (bad) return { key: `house.figures[${i}].${bad}`, problem: '类型不对（thing、modifiers 应为字符串数组，verb、measure、scope、time、clause、basis 应为字符串）' };
  }

  const phrases = register.phrases as unknown[];
  for (let i = 0; i < phrases.length; i++) {
    const p = phrases[i];
    if (!isObj(p)) return { key: `register.phrases[${i}]`, problem: '应为对象' };
    if (!isStr(p.phrase) || !(p.phrase as string).length) return { key: `register.phrases[${i}].phrase`, problem: '应为非空字符串' };
    if (p.kind !== 'formula' && p.kind !== 'enumeration') return { key: `register.phrases[${i}].kind`, problem: '应为 "formula" 或 "enumeration"' };
    for (const k of ['count', 'articles', 'maxPerArticle', 'limit', 'months', 'subjects', 'keyness', 'cohesion', 'score']) if (!isNum(p[k])) return { key: `register.phrases[${i}].${k}`, problem: '应为数字' };
    if (!isBool(p.cliche)) return { key: `register.phrases[${i}].cliche`, problem: '应为 true 或 false' };
    if (!Array.isArray(p.examples)) return { key: `register.phrases[${i}].examples`, problem: '应为数组' };
  }

  for (const list of ['quoted', 'stock'] as const) {
    const items = register[list] as unknown[];
    for (let i = 0; i < items.length; i++) {
      const q = items[i];
      if (!isObj(q) || !isStr(q.phrase) || !isNum(q.articles) || !isNum(q.maxPerArticle)) return { key: `register.${list}[${i}]`, problem: '应为 {phrase, articles, maxPerArticle}' };
    }
  }

  // Profiles learned before formulations were learned have none: the rule then finds nothing.
  if (register.formulations === undefined) register.formulations = [];
  if (!Array.isArray(register.formulations)) return { key: 'register.formulations', problem: '应为数组' };
  const formulations = register.formulations as unknown[];
  for (let i = 0; i < formulations.length; i++) {
    const f = formulations[i];
    if (!isObj(f) || !isStr(f.phrase) || !(f.phrase as string).length || (f.kind !== 'formula' && f.kind !== 'enumeration')) return { key: `register.formulations[${i}]`, problem: '应为 {phrase, kind, units[], articles, count, examples[], variants[], open[]}' };
    if (!Array.isArray(f.units) || !f.units.every(isStr)) return { key: `register.formulations[${i}].units`, problem: '应为字符串数组' };
    for (const k of ['articles', 'count']) if (!isNum(f[k])) return { key: `register.formulations[${i}].${k}`, problem: '应为数字' };
    if (!Array.isArray(f.examples)) return { key: `register.formulations[${i}].examples`, problem: '应为数组' };
    if (!Array.isArray(f.open) || !f.open.every(isNum) || f.open.length % 2) return { key: `register.formulations[${i}].open`, problem: '应为成对的数字数组' };
    for (const k of ['loose', 'kept', 'fixed']) {
      const slots = f[k];
      if (slots !== undefined && (!Array.isArray(slots) || !slots.every(isNum) || slots.length % 2)) return { key: `register.formulations[${i}].${k}`, problem: '应为成对的数字数组' };
    }
    if (!Array.isArray(f.variants)) return { key: `register.formulations[${i}].variants`, problem: '应为数组' };
    const variants = f.variants as unknown[];
    for (let j = 0; j < variants.length; j++) {
      const v = variants[j];
      if (!isObj(v) || !isStr(v.text) || !isStr(v.edit) || !isNum(v.articles) || !isNum(v.count) || !Array.isArray(v.examples)) return { key: `register.formulations[${i}].variants[${j}]`, problem: '应为 {text, edit, articles, count, examples[]}' };
    }
  }

  if (register.shard !== undefined) {
    const shard = register.shard;
    if (!isObj(shard) || !Array.isArray(shard.words) || !Array.isArray(shard.tags) || !Array.isArray(shard.articles)) return { key: 'register.shard', problem: '应为 {words[], tags[], articles[]}' };
    const articles = shard.articles as unknown[];
    for (let i = 0; i < articles.length; i++) {
      const a = articles[i];
      if (!isObj(a) || !isStr(a.key) || !isStr(a.tokens)) return { key: `register.shard.articles[${i}]`, problem: '应为 {key, file, headline, hanChars, month, tokens, jumps}' };
      // Shards written before token offsets were packed as jumps hold `offsets` instead.
      if (!isStr(a.jumps)) return { key: `register.shard.articles[${i}].jumps`, problem: '应为字符串（旧版分片，请用 opinion-lint learn --shard 重新生成）' };
    }
  }

  const density = register.density as Record<string, unknown>;
  for (const k of ['binWidth', 'p50', 'p75', 'p90']) if (!isNum(density[k])) return { key: `register.density.${k}`, problem: '应为数字' };
  if (!Array.isArray(density.histogram) || !density.histogram.every(isNum)) return { key: 'register.density.histogram', problem: '应为数字数组' };
  return undefined;
}

/** The first optional identity field of a published figure (figures/quantity.ts) with the wrong type. */
function badFigureIdentity(f: Record<string, unknown>): string | undefined {
  for (const k of ['thing', 'modifiers']) if (f[k] !== undefined && !(Array.isArray(f[k]) && (f[k] as unknown[]).every(isStr))) return k;
  for (const k of ['verb', 'measure', 'scope', 'time', 'clause', 'qualifier', 'basis']) if (f[k] !== undefined && !isStr(f[k])) return k;
  return undefined;
}
