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

  it('drops frames whose fields do not follow the schema', () => {
    const malformed = [
      'null',
      '"hello"',
      '{}',
      '{"type":"hello","live":"yes","heartbeatMs":15000}',
      '{"type":"hello","live":true,"heartbeatMs":0}',
      '{"type":"snapshot","topic":"board","seq":-1,"data":{}}',
      '{"type":"snapshot","topic":7,"seq":1,"data":{}}',
      '{"type":"snapshot","topic":"board","seq":1.5,"data":{}}',
      '{"type":"event","topic":"board","seq":2,"event":{"type":"ticket.called","at":"x","data":{}}}',
      '{"type":"event","topic":"board","seq":2,"prev":1,"event":{"type":"ticket.called","data":{}}}',
      '{"type":"event","topic":"board","seq":2,"prev":1,"event":"ticket.called"}',
      '{"type":"status"}',
      '{"type":"heartbeat","live":true}',
      '{"type":"error","code":"teapot","title":"No"}',
      '{"type":"error","code":"forbidden"}',
    ];
    for (const frame of malformed) expect(parseServerMessage(frame), frame).toBeNull();
  });

  it('keeps what the schema allows: a missing optional field, an unknown extra field', () => {
    expect(parseServerMessage('{"type":"hello","live":false,"heartbeatMs":1000}')).toEqual({ type: 'hello', live: false, heartbeatMs: 1000 });
    expect(parseServerMessage('{"type":"pong","extra":1}')).toEqual({ type: 'pong', extra: 1 });
    expect(parseServerMessage('{"type":"event","topic":"board","seq":2,"prev":1,"event":{"type":"ticket.called","at":"x","data":null}}')).toEqual({
      type: 'event',
      topic: 'board',
      seq: 2,
      prev: 1,
      event: { type: 'ticket.called', at: 'x', data: null },
    });
  });
});
