import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNELS, DEFAULT_BUSINESS_AREAS, FEEDBACK_STATUSES, NATURES, PRIORITIES } from '../shared/enums.js';

const root = path.resolve(import.meta.dirname, '..');
type Tree = { [key: string]: string | Tree };

function load(lang: string): Tree {
  return JSON.parse(fs.readFileSync(path.join(root, 'web/src/i18n', `${lang}.json`), 'utf8')) as Tree;
}

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of flatten(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const zh = flatten(load('zh-CN'));
const en = flatten(load('en'));

describe('web app translations (web/src/i18n)', () => {
  it('zh-CN and en have exactly the same keys, none empty, and the same placeholders', () => {
    expect([...zh.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [key, text] of en) {
      const other = zh.get(key) ?? '';
      expect(text.trim(), key).not.toBe('');
      expect(other.trim(), key).not.toBe('');
      const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      expect(vars(other), key).toEqual(vars(text));
    }
  });

  it('the Chinese resource is Chinese (not a copy of the English one)', () => {
    const chinese = [...zh.values()].filter((v) => /[\u4e00-\u9fff]/.test(v)).length;
    expect(chinese / zh.size).toBeGreaterThan(0.9);
  });

  it('every literal key used in web/src exists, and every API code has a label', () => {
    const used = new Set<string>();
    for (const file of sources(path.join(root, 'web/src'))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(50);
    for (const key of used) expect(en.has(key) && zh.has(key), key).toBe(true);
    const coded = [
      ...FEEDBACK_STATUSES.map((c) => `status.${c}`),
      ...PRIORITIES.map((c) => `priority.${c}`),
      ...NATURES.map((c) => `nature.${c}`),
      ...CHANNELS.map((c) => `channel.${c}`),
      ...DEFAULT_BUSINESS_AREAS.map((c) => `area.${c}`),
      ...['on_track', 'at_risk', 'breached', 'met'].map((c) => `sla.${c}`),
    ];
    for (const key of coded) expect(en.has(key) && zh.has(key), key).toBe(true);
  });
});
