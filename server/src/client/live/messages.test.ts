import { describe, expect, it } from 'vitest';
import { parseServerMessage } from './messages.ts';

describe('parseServerMessage', () => {
  it('reads the protocol’s messages and ignores anything else', () => {
    expect(parseServerMessage('{"type":"hello","live":true,"heartbeatMs":15000,"now":"x"}')).toEqual({
      type: 'hello',
      live: true,
      heartbeatMs: 15_000,
      now: 'x',
    });
    expect(parseServerMessage('not json')).toBeNull();
    expect(parseServerMessage('[1]')).toBeNull();
    expect(parseServerMessage('{"type":"event","topic":"board","seq":"1","prev":0,"event":{"type":"x"}}')).toBeNull();
    expect(parseServerMessage('{"type":"mystery"}')).toBeNull();
    expect(parseServerMessage(new ArrayBuffer(2))).toBeNull();
    expect(parseServerMessage('{"type":"error","code":"forbidden","title":"No","topic":"window:8"}')).toEqual({
      type: 'error',
      code: 'forbidden',
      title: 'No',
      topic: 'window:8',
    });
  });
});
