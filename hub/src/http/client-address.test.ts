import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address.js';

describe('clientAddress', () => {
  const req = (remote: string, forwarded?: string | string[]) =>
    ({
      socket: { remoteAddress: remote },
      headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
    }) as unknown as IncomingMessage;

  it("is the connection's address unless a proxy is trusted: a client cannot pick its own", () => {
    expect(clientAddress(req('10.0.0.5', '1.2.3.4'), false)).toBe('10.0.0.5');
  });

  it('behind a trusted proxy, is the last address the proxy added', () => {
    expect(clientAddress(req('10.0.0.1', 'spoofed, 203.0.113.7'), true)).toBe('203.0.113.7');
    expect(clientAddress(req('10.0.0.1', ['spoofed', '203.0.113.8']), true)).toBe('203.0.113.8');
    expect(clientAddress(req('10.0.0.1'), true)).toBe('10.0.0.1');
  });
});
