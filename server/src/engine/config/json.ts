// A strict JSON reader for workspace files (configs): reports the line and column of a syntax
// error (Node's JSON.parse does not always), rejects duplicate keys, and builds objects without a
// prototype so a `__proto__` or `constructor` key is just data and can never reach Object.prototype.
// Its messages say where and what was expected, and never quote the text: the file may not be
// what it claims to be (a link to /proc/self/environ), and messages end up in CI logs.

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

const MAX_DEPTH = 64;

/** `allowDuplicateKeys`: the last one wins, as in JSON.parse (to locate JSON.parse's own errors). */
export function parseJson(text: string, options: { allowDuplicateKeys?: boolean } = {}): JsonValue {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const fail = (what: string, at = i): never => {
    let line = 1;
    let lineStart = 0;
    for (let k = 0; k < at && k < text.length; k++) {
      if (text.charCodeAt(k) === 10) {
        line++;
        lineStart = k + 1;
      }
    }
    throw new JsonSyntaxError(`第 ${line} 行第 ${at - lineStart + 1} 列：${what}`, line, at - lineStart + 1);
  };
  const skipSpace = () => {
    while (i < text.length) {
      const c = text[i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
      else break;
    }
  };
  const describe = (at: number) => (at >= text.length ? '文件意外结束' : '意外的字符');

  const value = (depth: number): JsonValue => {
    if (depth > MAX_DEPTH) fail('嵌套层数过深');
    skipSpace();
    const c = text[i];
    if (c === '{') return object(depth);
    if (c === '[') return array(depth);
    if (c === '"') return string();
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    return fail(`${describe(i)}，此处应为 JSON 值（对象、数组、字符串、数字、true、false 或 null）`);
  };

  const object = (depth: number): JsonObject => {
    const out = Object.create(null) as JsonObject;
    i++;
    skipSpace();
    if (text[i] === '}') {
      i++;
      return out;
    }
    for (;;) {
      skipSpace();
      if (text[i] !== '"') fail(`${describe(i)}，此处应为用双引号括起的键名`);
      const keyAt = i;
      const key = string();
      if (!options.allowDuplicateKeys && Object.prototype.hasOwnProperty.call(out, key)) fail('同一对象中的键重复', keyAt);
      skipSpace();
      if (text[i] !== ':') fail(`${describe(i)}，键名后应为冒号`);
      i++;
      out[key] = value(depth + 1);
      skipSpace();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return out;
      }
      fail(`${describe(i)}，此处应为逗号或 }`);
    }
  };

  const array = (depth: number): JsonValue[] => {
    const out: JsonValue[] = [];
    i++;
    skipSpace();
    if (text[i] === ']') {
      i++;
      return out;
    }
    for (;;) {
      out.push(value(depth + 1));
      skipSpace();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return out;
      }
      fail(`${describe(i)}，此处应为逗号或 ]`);
    }
  };

  const string = (): string => {
    const start = i;
    i++;
    let out = '';
    let chunk = i;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34 /* " */) {
        out += text.slice(chunk, i);
        i++;
        return out;
      }
      if (c < 0x20) fail('字符串中不能直接出现换行或控制字符');
      if (c === 92 /* \ */) {
        out += text.slice(chunk, i);
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e in simple) {
          out += simple[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          fail('无效的转义序列');
        }
        chunk = i;
        continue;
      }
      i++;
    }
    return fail('字符串没有结束的双引号', start);
  };

  const number = (): number => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
    if (!m) return fail(`${describe(i)}，此处应为数字`);
    i += m[0].length;
    return Number(m[0]);
  };

  const result = value(0);
  skipSpace();
  if (i < text.length) fail(`${describe(i)}，JSON 值之后不应再有内容`);
  return result;
}

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
