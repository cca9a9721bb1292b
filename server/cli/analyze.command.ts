import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { analyzeText } from '../modules/nlp/index.js';

interface Input {
  text?: string;
  extra: Record<string, unknown>;
}

/** A line is JSON with a `text` field when it parses as an object; anything else is the text itself. */
function parseLine(line: string): Input {
  const trimmed = line.trim();
  if (trimmed.startsWith('{')) {
    try {
      const value = JSON.parse(trimmed) as unknown;
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        const record = value as Record<string, unknown>;
        const extra: Record<string, unknown> = {};
        // Echo an id so results can be joined back to their inputs.
        if (record.id !== undefined) extra.id = record.id;
        return typeof record.text === 'string' ? { text: record.text, extra } : { extra };
      }
    } catch {
      // Not JSON after all: analyse the line as text.
    }
  }
  return { text: line, extra: {} };
}

/**
 * `closeloop analyze`: one text per input line (plain, or JSON with a `text` field) → one JSON line
 * per input with language, normalised text, tokens, keywords, sentiment, nature (+ category/intent).
 */
export async function runAnalyze(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<void> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const { text, extra } = parseLine(line);
    const result =
      text === undefined ? { ...extra, error: 'missing "text" field' } : { ...extra, ...analyzeText(text) };
    if (!output.write(`${JSON.stringify(result)}\n`)) await once(output, 'drain');
  }
}
