import { describe, expect, it } from 'vitest';
import { makeRecords } from './testing.js';
import { eventEvidence, rowEvidence } from './evidence.js';
import { evidenceFields, evidenceText } from './evidence-fields.js';
import type { LogEvent } from '../bundle/types.js';

const event = {
  file: 'logs/2026-03.jsonl', line: 7, eventId: 'E1', t: 0, ts: '2026-03-02T09:15:00+08:00', actor: 'u007', actorOrg: 'P01',
  action: 'export', resourceType: 'dataset', resource: 'DS-1', scenario: '', request: '', records: 1200, destination: 'P09',
  channel: 'offline', result: 'success', srcIp: '10.0.0.1', prevHash: null, hash: null,
  rawFields: { event_id: 'E1', ts: '', actor: '', action: '', resource: '', result: '' }, chainSource: null, raw: '{"event_id":"E1","action":"export"}',
} satisfies LogEvent;

describe('evidence a reviewer reads', () => {
  it('labels a log event in the reader\'s order, naming its values', () => {
    const item = eventEvidence(event);
    expect(item.excerpt).toBe(event.raw);
    expect(evidenceFields(item, 'zh').map((f) => `${f.label}=${f.value}`)).toEqual([
      '时间=2026-03-02 09:15:00 +08:00', '操作人=u007', '单位=P01', '操作=导出', '资源类型=数据集', '资源=DS-1', '接收方=P09', '渠道=线下', '结果=成功', '记录数=1200',
    ]);
    expect(evidenceText(item, 'en')).toBe(
      'time: 2026-03-02 09:15:00 +08:00; actor: u007; organisation: P01; action: export; resource type: dataset; resource: DS-1; '
      + 'recipient: P09; channel: offline; result: success; records: 1200',
    );
  });

  it('labels a table row by its columns, with the values its file gives them', () => {
    const records = makeRecords({ products: 'id,name,type,status,price_public\nPR01,交通指数,report,delivered,false\n' });
    const text = evidenceText(rowEvidence(records.products.rows[0]), 'zh');
    expect(text).toBe('编号：PR01；名称：交通指数；类型：数据报告；状态：已交付；价格公开：否');
  });

  it('falls back to the excerpt for an item without fields', () => {
    expect(evidenceText({ file: 'operator.json', excerpt: '缺少数据安全责任人' }, 'zh')).toBe('缺少数据安全责任人');
  });
});
