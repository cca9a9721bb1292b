/** Compressed sparse rows: row i holds indices/values in [rowPtr[i], rowPtr[i+1]). */
export interface CsrMatrix {
  rows: number;
  cols: number;
  rowPtr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

export interface SparseRow {
  indices: Int32Array;
  values: Float32Array;
}

/** Stacks sparse rows into one CSR matrix with `cols` columns. */
export function toCsr(rows: readonly SparseRow[], cols: number): CsrMatrix {
  let nnz = 0;
  for (const row of rows) nnz += row.indices.length;
  const rowPtr = new Int32Array(rows.length + 1);
  const indices = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  let at = 0;
  rows.forEach((row, i) => {
    indices.set(row.indices, at);
    values.set(row.values, at);
    at += row.indices.length;
    rowPtr[i + 1] = at;
  });
  return { rows: rows.length, cols, rowPtr, indices, values };
}

/** Rows of `m` picked by `which`, in that order. */
export function selectRows(m: CsrMatrix, which: readonly number[]): CsrMatrix {
  const rows: SparseRow[] = which.map((r) => {
    const start = m.rowPtr[r]!;
    const end = m.rowPtr[r + 1]!;
    return { indices: m.indices.subarray(start, end), values: m.values.subarray(start, end) };
  });
  return toCsr(rows, m.cols);
}

/** x_row · w (optionally with per-feature scale s: Σ x_j s_j w_j). */
export function dotRow(m: CsrMatrix, row: number, w: Float64Array, scale?: Float64Array): number {
  let sum = 0;
  const end = m.rowPtr[row + 1]!;
  if (scale)
    for (let k = m.rowPtr[row]!; k < end; k++)
      sum += m.values[k]! * scale[m.indices[k]!]! * w[m.indices[k]!]!;
  else for (let k = m.rowPtr[row]!; k < end; k++) sum += m.values[k]! * w[m.indices[k]!]!;
  return sum;
}
