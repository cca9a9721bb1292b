import { gunzipSync, gzipSync } from 'node:zlib';
import type { ModelSpec } from '../training/spec.js';

const MAGIC = 'CLNLP001';

/** Everything about a shipped linear model except its arrays. */
export interface ArtefactHeader {
  format: 'closeloop-linear-v1';
  task: string;
  version: string;
  createdAt: string;
  labels: string[];
  /** 1 for a two-label model (score of labels[1]), else one column per label. */
  columns: number;
  spec: ModelSpec;
  features: number;
  /** Per column: weight = sign(q)·(|q|/127)²·scale (square-law companding keeps small weights). */
  weightScale: number[];
  bias: number[];
  /** Scores are multiplied by this before the sigmoid/softmax (fitted on validation). */
  temperature: number;
  /** Domains the model has domain-specific features for (empty when none). */
  domains: string[];
  /**
   * Settings chosen on validation: `neutralBand` (two-label sentiment), `plainTemperature` (the
   * temperature of a domain-aware model used without a domain hint).
   */
  settings: Record<string, number>;
  training: Record<string, unknown>;
  /** One-hidden-layer models: the quantised weights are the hidden layer; scores = w2ᵀ·relu(h) + b2. */
  output?: { w2: number[]; b2: number[] };
}

export interface Artefact {
  header: ArtefactHeader;
  hashes: Uint32Array;
  idf: Float32Array;
  /** Quantised weights, row-major [feature × column]. */
  quantized: Int8Array;
}

const IDF_SCALE = 2048;

/** Square-law int8 companding of one column's weights. */
export function quantizeColumn(values: ArrayLike<number>, scale: number): Int8Array {
  const out = new Int8Array(values.length);
  if (scale === 0) return out;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    out[i] = Math.sign(v) * Math.round(127 * Math.sqrt(Math.min(1, Math.abs(v) / scale)));
  }
  return out;
}

export function dequantize(q: number, scale: number): number {
  const r = q / 127;
  return Math.sign(r) * r * r * scale;
}

/** Binary artefact: magic, header length, JSON header, then delta-coded hashes, u16 IDF, i8 weights; gzipped. */
export function encodeArtefact(artefact: Artefact): Buffer {
  const header = Buffer.from(JSON.stringify(artefact.header), 'utf8');
  const F = artefact.hashes.length;
  const deltas = new Uint32Array(F);
  for (let i = 0; i < F; i++) deltas[i] = (artefact.hashes[i]! - (i > 0 ? artefact.hashes[i - 1]! : 0)) >>> 0;
  const idf = Uint16Array.from(artefact.idf, (v) => Math.min(65535, Math.round(v * IDF_SCALE)));
  const pad = (4 - ((8 + 4 + header.length) % 4)) % 4;
  const lengthField = Buffer.alloc(4);
  lengthField.writeUInt32LE(header.length);
  const parts = [
    Buffer.from(MAGIC, 'ascii'),
    lengthField,
    header,
    Buffer.alloc(pad),
    Buffer.from(deltas.buffer, deltas.byteOffset, deltas.byteLength),
    Buffer.from(idf.buffer, idf.byteOffset, idf.byteLength),
    Buffer.from(artefact.quantized.buffer, artefact.quantized.byteOffset, artefact.quantized.byteLength),
  ];
  return gzipSync(Buffer.concat(parts), { level: 9 });
}

export function decodeArtefact(file: Uint8Array): Artefact {
  const raw = gunzipSync(file);
  if (raw.subarray(0, 8).toString('ascii') !== MAGIC) throw new Error('not a Closeloop model artefact');
  const headerLength = raw.readUInt32LE(8);
  const header = JSON.parse(raw.subarray(12, 12 + headerLength).toString('utf8')) as ArtefactHeader;
  if (header.format !== 'closeloop-linear-v1')
    throw new Error(`unsupported model format ${String(header.format)}`);
  let at = 12 + headerLength;
  at += (4 - (at % 4)) % 4;
  const F = header.features;
  // Copy into fresh, aligned arrays (the gunzipped buffer may be a slice of a pooled allocation).
  const deltas = new Uint32Array(raw.buffer.slice(raw.byteOffset + at, raw.byteOffset + at + 4 * F));
  at += 4 * F;
  const idfRaw = new Uint16Array(raw.buffer.slice(raw.byteOffset + at, raw.byteOffset + at + 2 * F));
  at += 2 * F;
  const quantized = new Int8Array(
    raw.buffer.slice(raw.byteOffset + at, raw.byteOffset + at + F * header.columns),
  );
  const hashes = new Uint32Array(F);
  let previous = 0;
  for (let i = 0; i < F; i++) {
    previous = (previous + deltas[i]!) >>> 0;
    hashes[i] = previous;
  }
  const idf = new Float32Array(F);
  for (let i = 0; i < F; i++) idf[i] = idfRaw[i]! / IDF_SCALE;
  return { header, hashes, idf, quantized };
}
