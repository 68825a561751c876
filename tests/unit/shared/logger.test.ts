import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/shared/logger.ts';

describe('createLogger', () => {
  it('never writes an Authorization header or cookie to the log', () => {
    let output = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        output += chunk.toString();
        done();
      },
    });
    createLogger('info', 'test', sink).info({ req: { headers: { authorization: 'Bearer secret-publish-key', cookie: 'sid=1', host: 'x' } } }, 'request');
    expect(output).not.toContain('secret-publish-key');
    expect(output).not.toContain('sid=1');
    expect(output).toContain('[redacted]');
    expect(output).toContain('"host":"x"');
  });
});
