import { useEffect, useState } from 'react';
import type { BusinessArea } from '../../shared/contracts/catalog.js';
import { api } from './api.js';

export type { BusinessArea };

// The catalogue changes rarely: one request per page load, shared by every label on the page.
let cached: Promise<BusinessArea[]> | null = null;
const listeners = new Set<(rows: BusinessArea[]) => void>();

function load(): Promise<BusinessArea[]> {
  cached ??= api<{ data: BusinessArea[] }>('GET', '/business-areas').then(
    (r) => r.data,
    () => {
      cached = null;
      return [];
    },
  );
  return cached;
}

/** Forget the cached catalogue (after an admin changed it) and tell every mounted label to reload. */
export function invalidateBusinessAreas(): void {
  cached = null;
  void load().then((rows) => {
    for (const fn of listeners) fn(rows);
  });
}

/** The business-area catalogue (all areas, active or not), or null while it loads. */
export function useBusinessAreas(): BusinessArea[] | null {
  const [rows, setRows] = useState<BusinessArea[] | null>(null);
  useEffect(() => {
    let live = true;
    const set = (r: BusinessArea[]) => {
      if (live) setRows(r);
    };
    listeners.add(set);
    void load().then(set);
    return () => {
      live = false;
      listeners.delete(set);
    };
  }, []);
  return rows;
}

/** The label of an area in the given language, or undefined when the code is not in the catalogue. */
export function areaLabelOf(
  rows: readonly BusinessArea[] | null,
  code: string,
  language: string,
): string | undefined {
  const area = rows?.find((a) => a.code === code);
  if (!area) return undefined;
  return language === 'zh-CN' ? area.labelZh : area.labelEn;
}
