/** Accuracy and macro-F1 (over every label seen in gold or predictions). */
export function classificationMetrics(
  gold: readonly string[],
  predicted: readonly string[],
): { accuracy: number; macroF1: number } {
  const labels = [...new Set([...gold, ...predicted])];
  let correct = 0;
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  gold.forEach((g, i) => {
    const p = predicted[i]!;
    if (g === p) {
      correct++;
      tp.set(g, (tp.get(g) ?? 0) + 1);
    } else {
      fp.set(p, (fp.get(p) ?? 0) + 1);
      fn.set(g, (fn.get(g) ?? 0) + 1);
    }
  });
  let f1Sum = 0;
  for (const label of labels) {
    const t = tp.get(label) ?? 0;
    const denominator = 2 * t + (fp.get(label) ?? 0) + (fn.get(label) ?? 0);
    f1Sum += denominator === 0 ? 0 : (2 * t) / denominator;
  }
  return {
    accuracy: gold.length ? correct / gold.length : 0,
    macroF1: labels.length ? f1Sum / labels.length : 0,
  };
}
