import { describe, expect, it } from 'vitest';
import { codeWordsIn } from './code-words.js';

describe('codeWordsIn', () => {
  it('finds identifiers and raw values in Chinese text', () => {
    expect(codeWordsIn('缺少 actor_org 字段，maxAgeDays 为 30，结果为 success，值为 true')).toEqual(['actor_org', 'maxAgeDays', 'success', 'true']);
  });

  it('leaves file names, paths, ids, upper-case names and quoted operator words alone', () => {
    expect(codeWordsIn('见 logs/2026-03.jsonl 第 12 行与 agreement.json；E00002168、DS-ENV-08、SHA-256、HHI；汇报对象为“it_director”；证据包 other-operator-bundle；已加签：report-已签名-审核.pdf')).toEqual([]);
  });

  it('reads English text for identifiers only: its ordinary words are not raw values', () => {
    expect(codeWordsIn('2 exports succeeded; the result was success', false)).toEqual([]);
    expect(codeWordsIn('the record_keeping policy', false)).toEqual(['record_keeping']);
  });
});
