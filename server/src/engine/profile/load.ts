// Loading a profile by built-in name ('default', 'people-daily') or path. Never throws: a missing or
// malformed file yields a Chinese message naming the file and the bad key, and the default profile.
// Parsed JSON is null-prototype data with `__proto__`/`constructor`/`prototype` keys dropped.

import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { emptyProfile } from './empty';
import { PROFILE_FORMAT, PROFILE_VERSION, type Profile } from './types';

export const BUILTIN_PROFILES = ['default', 'people-daily'] as const;

export interface LoadedProfile {
  profile: Profile;
  /** Absolute path of the file the profile came from ('' for the empty fallback). */
  path: string;
  /** Chinese message when the requested profile could not be used (the default was used instead). */
  error?: string;
}

const cache = new Map<string, { mtimeMs: number; size: number; profile?: Profile; error?: string }>();
/** Shipped profiles are a few MB; a learned one for a large archive stays well under this. */
export const MAX_PROFILE_BYTES = 256 * 1024 * 1024;

let builtinDir: string | undefined;

/**
 * The folder holding the shipped profiles, from sources (vitest, tsx) or from the esbuild bundle.
 * Found once: every lint asks, and the search is a few file system calls.
 */
export function builtinProfileDir(): string {
  return (builtinDir ??= findBuiltinProfileDir());
}

function findBuiltinProfileDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    for (const candidate of [path.join(dir, 'profiles'), path.join(dir, 'server', 'profiles')]) {
      if (existsSync(path.join(candidate, 'default.json'))) return candidate;
    }
    dir = path.dirname(dir);
  }
  return path.resolve(__dirname, '../../../profiles');
}

export function resolveProfilePath(spec: string, baseDir: string): string {
  if ((BUILTIN_PROFILES as readonly string[]).includes(spec)) return path.join(builtinProfileDir(), `${spec}.json`);
  return path.resolve(baseDir, spec);
}

export function loadProfile(spec: string | undefined, baseDir: string = process.cwd()): LoadedProfile {
  const wanted = resolveProfilePath(spec || 'default', baseDir);
  const result = readCached(wanted);
  if (result.profile) return { profile: result.profile, path: wanted };
  const fallbackPath = resolveProfilePath('default', baseDir);
  const fallback = fallbackPath === wanted ? {} : readCached(fallbackPath);
  const message = `${result.error}已改用内置默认档案。`;
  if (fallback.profile) return { profile: fallback.profile, path: fallbackPath, error: message };
  return { profile: emptyProfile('empty'), path: '', error: `${result.error}内置默认档案也无法读取，已使用空档案。` };
}

function readCached(file: string): { profile?: Profile; error?: string } {
  let st;
  try {
    st = statSync(file);
  } catch {
    return { error: `找不到配置档案 ${file}。` };
  }
  // A directory or FIFO would throw or block the read; a huge file would exhaust memory.
  if (!st.isFile()) return { error: `配置档案 ${file} 不是普通文件。` };
  if (st.size > MAX_PROFILE_BYTES) return { error: `配置档案 ${file} 过大（${st.size} 字节，上限 ${MAX_PROFILE_BYTES} 字节）。` };
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return { error: `无法读取配置档案 ${file}（${(err as NodeJS.ErrnoException).code ?? String(err)}）。` };
  }
  const entry = { mtimeMs: st.mtimeMs, size: st.size, ...parseProfileText(text, file) };
  cache.set(file, entry);
  return entry;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** JSON.parse into null-prototype objects, without keys that could reach Object.prototype. */
export function parseSafeJson(text: string): unknown {
  // One pass over the parsed tree: about twice as fast as a reviver called on every value.
  return withoutPrototypes(JSON.parse(text));
}

function withoutPrototypes(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = withoutPrototypes(value[i]);
    return value;
  }
  const clean = Object.create(null);
  for (const k of Object.keys(value)) if (!FORBIDDEN_KEYS.has(k)) clean[k] = withoutPrototypes((value as Record<string, unknown>)[k]);
  return clean;
}

export function parseProfileText(text: string, file: string): { profile?: Profile; error?: string } {
  let data: unknown;
  try {
    data = parseSafeJson(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return { error: `配置档案 ${file} 不是有效的 JSON（${(err as Error).message}）。` };
  }
  const bad = validateProfile(data);
  if (bad) return { error: `配置档案 ${file} 无效：字段 “${bad.key}” ${bad.problem}。` };
  return { profile: data as Profile };
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
  if (!isObj(style.rangeMarks)) return { key: 'house.numberStyle.rangeMarks', problem: '应为对象' };

  const figures = house.figures as unknown[];
  for (let i = 0; i < figures.length; i++) {
    const f = figures[i];
    if (!isObj(f) || !isNum(f.value) || !isStr(f.unit) || !Array.isArray(f.subject) || !f.subject.every(isStr) || !isStr(f.file) || !isNum(f.offset) || !isStr(f.headline)) {
      return { key: `house.figures[${i}]`, problem: '应为 {value, unit, subject[], headline, file, offset}' };
    }
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
    if (!Array.isArray(f.variants)) return { key: `register.formulations[${i}].variants`, problem: '应为数组' };
    const variants = f.variants as unknown[];
    for (let j = 0; j < variants.length; j++) {
      const v = variants[j];
      if (!isObj(v) || !isStr(v.text) || !isStr(v.edit) || !isNum(v.articles) || !isNum(v.count) || !Array.isArray(v.examples)) return { key: `register.formulations[${i}].variants[${j}]`, problem: '应为 {text, edit, articles, count, examples[]}' };
    }
  }

  const density = register.density as Record<string, unknown>;
  for (const k of ['binWidth', 'p50', 'p75', 'p90']) if (!isNum(density[k])) return { key: `register.density.${k}`, problem: '应为数字' };
  if (!Array.isArray(density.histogram) || !density.histogram.every(isNum)) return { key: 'register.density.histogram', problem: '应为数字数组' };
  return undefined;
}

export function clearProfileCache(): void {
  cache.clear();
}
