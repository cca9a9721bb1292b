import { quantizeColumn } from '../model/artefact.js';
import type { FittedModel } from './fit.js';

/** Per-column int8 weights (square-law) and their scales (max |w| of the column). */
export function quantizeModel(model: FittedModel): { quantized: Int8Array; scales: number[] } {
  const F = model.vocabulary.size;
  const C = model.columns;
  const scales: number[] = [];
  const quantized = new Int8Array(F * C);
  for (let c = 0; c < C; c++) {
    const column = new Float64Array(F);
    let max = 0;
    for (let j = 0; j < F; j++) {
      column[j] = model.weights[j * C + c]!;
      max = Math.max(max, Math.abs(column[j]!));
    }
    scales.push(max);
    const q = quantizeColumn(column, max);
    for (let j = 0; j < F; j++) quantized[j * C + c] = q[j]!;
  }
  return { quantized, scales };
}
