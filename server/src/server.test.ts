import { describe, expect, it } from 'vitest';
import { addressList, isDriverError } from './server.ts';

describe('the address list printed at start-up', () => {
  it('names the main pages, with the demo kiosk token only when the demo seed is on', () => {
    expect(addressList('http://localhost:3000', { serveUi: true, demoSeed: true }).split('\n')).toEqual([
      'Open:',
      '  finder    http://localhost:3000/',
      '  kiosk     http://localhost:3000/kiosk?token=demo-kiosk',
      '  desk      http://localhost:3000/desk',
      '  board     http://localhost:3000/board',
      '  admin     http://localhost:3000/admin',
      '  API docs  http://localhost:3000/api/docs',
      '  health    http://localhost:3000/api/health',
    ]);
    expect(addressList('http://h:1', { serveUi: true, demoSeed: false })).not.toContain('demo-kiosk');
    expect(addressList('http://h:1', { serveUi: true, demoSeed: false })).toContain('/kiosk?token=… (a kiosk token from /admin/devices)');
  });

  it('lists only the API when this process serves no UI', () => {
    const list = addressList('http://h:1', { serveUi: false, demoSeed: true });
    expect(list).toContain('SERVE_UI=false');
    expect(list).toContain('http://h:1/api/docs');
    expect(list).not.toMatch(/finder|kiosk|desk|board|admin /);
  });
});

describe('telling a driver error from ours', () => {
  it('looks at the frame that threw', () => {
    const driver = new TypeError("Cannot read properties of null (reading 'write')");
    driver.stack = `TypeError: Cannot read properties of null (reading 'write')\n    at Immediate.nextWrite (file:///app/node_modules/postgres/src/connection.js:255:22)\n    at process.processImmediate (node:internal/timers:483:21)`;
    const ours = new TypeError('boom');
    ours.stack = `TypeError: boom\n    at handler (file:///app/server/src/queue/issue.ts:10:5)\n    at file:///app/node_modules/postgres/src/connection.js:1:1`;
    expect(isDriverError(driver)).toBe(true);
    expect(isDriverError(ours)).toBe(false);
    expect(isDriverError('a string')).toBe(false);
  });
});
