import { describe, expect, it } from 'vitest';
import { splitCorpusFile } from '../../server/src/engine/parse/corpus';
import { hasCorpus, readSeedPage } from '../helpers/corpus';

// A made-up opinion page laid out like a printed one: section labels, a cartoon caption with its
// credit, a paragraph broken mid-word, and an article whose headline and byline follow its body.
const PAGE = [
  '本期',
  '',
  '观点',
  '',
  '小区加装电梯要算好民生账',
  '',
  '●林晓',
  '',
  '老旧小区加装电梯，难在协调，贵在坚持。',
  '',
  '去年以来，河西区已为86栋老楼装上电梯，住在高层的老人终于能方便地下楼晒太',
  '',
  '阳。',
  '',
  '画里',
  '',
  '有话',
  '',
  '排队的烦恼',
  '',
  '周末的网红餐厅门口，排起了长队。',
  '',
  '■新华社发 张三作',
  '',
  '万象',
  '',
  '夜市重新热闹起来，摊主们的笑容多了。',
  '',
  '烟火气是城市最抚人心的温度。',
  '',
  '让夜市的烟火气更持久',
  '',
  '●周扬 陈默',
  '',
  '街巷更新不能只求快',
  '',
  '●赵一鸣',
  '',
  '街巷更新，要留住居民熟悉的生活场景。',
  '',
  '社会',
].join('\n');

describe('splitCorpusFile on a page', () => {
  const articles = splitCorpusFile('page/p1.txt', PAGE);

  it('finds the three bylined articles and nothing else', () => {
    expect(articles.map((a) => a.headline)).toEqual(['小区加装电梯要算好民生账', '让夜市的烟火气更持久', '街巷更新不能只求快']);
    expect(articles.map((a) => a.doc.byline?.names)).toEqual([['林晓'], ['周扬', '陈默'], ['赵一鸣']]);
    expect(articles.every((a) => a.bylinePosition === 'after-headline')).toBe(true);
  });

  it('leaves the caption and section labels out of every article', () => {
    const all = articles.map((a) => a.doc.text).join('\n');
    expect(all).not.toMatch(/排队|新华社|画里|本期|万象|社会/);
  });

  it('takes the body before a headline that was laid out after it', () => {
    const night = articles[1];
    expect(night.doc.text.split('\n').slice(0, 2)).toEqual(['让夜市的烟火气更持久', '●周扬 陈默']);
    expect(night.doc.sentences.map((s) => s.text)).toEqual(['夜市重新热闹起来，摊主们的笑容多了。', '烟火气是城市最抚人心的温度。']);
  });

  it('joins a paragraph broken mid-word and maps offsets back to the file', () => {
    const lift = articles[0];
    const sentence = lift.doc.sentences.find((s) => s.text.includes('晒太阳'));
    expect(sentence).toBeDefined();
    const at = lift.doc.text.indexOf('太阳');
    expect(PAGE.slice(lift.fileOffset(at), lift.fileOffset(at) + 1)).toBe('太');
    expect(PAGE.slice(lift.fileOffset(at + 1), lift.fileOffset(at + 1) + 1)).toBe('阳');
    const byline = lift.doc.byline!;
    expect(PAGE.slice(lift.fileOffset(byline.start), lift.fileOffset(byline.end))).toBe('●林晓');
  });
});

describe('splitCorpusFile on a one-article file', () => {
  const TEXT = '把实事办到群众心坎上（社区论坛）\n（作者为某市社区工作者）\n\n社区食堂开张后，老人们吃上了热乎饭。\n\n办实事，关键在于实。\n';

  it('keeps the file as the article, offsets unchanged', () => {
    const [a] = splitCorpusFile('pd/a.txt', TEXT, { bylinePos: 'end' });
    expect(a.doc.text).toBe(TEXT);
    expect(a.headline).toBe('把实事办到群众心坎上（社区论坛）');
    expect(a.fileOffset(10)).toBe(10);
    expect(a.doc.byline?.form).toBe('parenthetical-note');
  });

  it('takes the printed byline position from the manifest', () => {
    expect(splitCorpusFile('pd/a.txt', TEXT, { bylinePos: 'end' })[0].bylinePosition).toBe('end');
    expect(splitCorpusFile('pd/a.txt', TEXT)[0].bylinePosition).toBe('after-headline');
    const unsigned = '办实事贵在实\n\n社区食堂开张后，老人们吃上了热乎饭。\n';
    expect(splitCorpusFile('pd/b.txt', unsigned, { bylinePos: '' })[0].bylinePosition).toBe('none');
  });

  it('returns nothing for an empty file', () => {
    expect(splitCorpusFile('pd/empty.txt', '\n\n')).toEqual([]);
  });
});

describe.runIf(hasCorpus)('splitCorpusFile on the seed page (corpus)', () => {
  const { file, text } = readSeedPage();
  const articles = splitCorpusFile(`seed/${file}`, text);

  it('finds exactly the four bylined articles, two by the same author', () => {
    expect(articles).toHaveLength(4);
    const authors = articles.map((a) => a.doc.byline?.names.join(' '));
    expect(authors.every(Boolean)).toBe(true);
    const counts = new Map<string, number>();
    for (const a of authors) counts.set(a!, (counts.get(a!) ?? 0) + 1);
    expect([...counts.values()].sort()).toEqual([1, 1, 2]);
  });

  it('maps every headline and byline back to where the page printed it', () => {
    for (const a of articles) {
      const h = a.doc.headline!;
      expect(text.slice(a.fileOffset(h.start), a.fileOffset(h.end))).toBe(h.text);
      const b = a.doc.byline!;
      expect(text.slice(a.fileOffset(b.start), a.fileOffset(b.end))).toBe(b.raw);
    }
  });

  it('keeps the cartoon caption and its credit out of the articles', () => {
    for (const a of articles) expect(a.doc.text).not.toMatch(/■|新华社发/);
  });

  it('rebuilds the article printed after its body with a body of its own', () => {
    const hanChars = articles.map((a) => a.doc.hanChars);
    expect(Math.min(...hanChars)).toBeGreaterThan(500);
  });
});
