import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runAnalyze } from './analyze.command.js';

async function analyze(lines: string[]): Promise<Array<Record<string, unknown>>> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (c: Buffer) => chunks.push(c));
  await runAnalyze(Readable.from([lines.join('\n')]), output);
  output.end();
  return Buffer.concat(chunks)
    .toString('utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('runAnalyze (closeloop analyze)', () => {
  it('writes one JSON line per text line or JSON line, skipping blank lines', async () => {
    const out = await analyze([
      '质量很好，非常满意',
      '',
      JSON.stringify({ id: 7, text: 'my card has not arrived' }),
      JSON.stringify({ id: 8, body: 'no text here' }),
      '{not json',
    ]);
    expect(out).toHaveLength(4);
    expect(out[0]).toMatchObject({
      language: 'zh',
      sentiment: { label: 'positive' },
      nature: { label: 'praise' },
    });
    expect(Array.isArray(out[0]?.keywords)).toBe(true);
    expect(out[1]).toMatchObject({
      id: 7,
      language: 'en',
      nature: { label: 'complaint' },
      intent: { label: 'card_arrival' },
    });
    expect(out[2]).toEqual({ id: 8, error: 'missing "text" field' });
    expect(out[3]).toMatchObject({ language: 'en' });
    for (const line of out.filter((l) => !('error' in l))) {
      const sentiment = line.sentiment as { label: string; score: number };
      expect(['positive', 'neutral', 'negative']).toContain(sentiment.label);
      expect(Math.abs(sentiment.score)).toBeLessThanOrEqual(1);
    }
  });
});
