import { describe, expect, it } from 'vitest';
import { parseDraft } from '../../server/src/engine/parse/draft';

const sentencesOf = (text: string) => parseDraft(text).sentences.map((s) => s.text);

describe('body sentences', () => {
  it('end at 。！？, at an ellipsis or a run of three to six dots, with the closing marks that follow them', () => {
    const text = '社区食堂开张了\n\n午饭十二元一份。“味道不错！”老人们说。排队的人越来越多……有人问：还能便宜吗......店长没有回答？他说“再等等”。';
    expect(sentencesOf(text)).toEqual([
      '午饭十二元一份。',
      '“味道不错！”',
      '老人们说。',
      '排队的人越来越多……',
      '有人问：还能便宜吗......',
      '店长没有回答？',
      '他说“再等等”。',
    ]);
  });

  it('do not end at a half-width ! or ? inside Latin words, nor at one or two dots', () => {
    const text = '标题\n\n不少年轻人用Yahoo!邮箱报名，报名费是2.5元..后来免费了。最后一句没有句号';
    expect(sentencesOf(text)).toEqual(['不少年轻人用Yahoo!邮箱报名，报名费是2.5元..后来免费了。', '最后一句没有句号']);
  });

  it('keep their offsets in the draft, and stop where a comment cuts a paragraph', () => {
    const text = '标题\n\n　　河道清淤完成了… <!-- 待核实 -->三个月后再看！';
    const doc = parseDraft(text);
    expect(doc.sentences.map((s) => s.text)).toEqual(['河道清淤完成了…', '三个月后再看！']);
    for (const s of doc.sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
});
