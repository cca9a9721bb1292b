import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type FeedbackStatus, PRIORITIES, type Priority } from '../../../shared/enums.js';
import { OPEN_STATUSES } from '../../../shared/feedback/status-machine.js';
import { api, type FeedbackItem } from '../api.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { formatNumber } from '../format.js';
import { Link } from '../router.js';

// Only what the overview draws: bar + pie on canvas, with tooltip, grid and legend.
echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** The list API has no counts: the overview reads at most this many of the newest open items. */
const MAX_ITEMS = 1000;
const PAGE = 200;

interface Counts {
  byPriority: Record<Priority, number>;
  byStatus: Partial<Record<FeedbackStatus, number>>;
  total: number;
  capped: boolean;
}

async function countOpen(signal: AbortSignal): Promise<Counts> {
  const byPriority = Object.fromEntries(PRIORITIES.map((p) => [p, 0])) as Record<Priority, number>;
  const byStatus: Partial<Record<FeedbackStatus, number>> = {};
  let total = 0;
  let cursor: string | null = null;
  do {
    const page: { data: FeedbackItem[]; nextCursor: string | null } = await api('GET', '/feedback', {
      query: { status: OPEN_STATUSES.join(','), limit: PAGE, cursor: cursor ?? undefined },
      signal,
    });
    for (const item of page.data) {
      byPriority[item.priority] += 1;
      byStatus[item.status] = (byStatus[item.status] ?? 0) + 1;
      total += 1;
    }
    cursor = page.nextCursor;
  } while (cursor && total < MAX_ITEMS);
  return { byPriority, byStatus, total, capped: cursor !== null };
}

const PRIORITY_COLORS: Record<Priority, string> = {
  urgent: '#dc2626',
  high: '#ea580c',
  normal: '#2563eb',
  suggestion: '#64748b',
};

function Chart({
  option,
  label,
  testId,
}: {
  option: echarts.EChartsCoreOption;
  label: string;
  testId: string;
}) {
  const el = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.setOption(option);
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [option]);
  return <div ref={el} className="chart" role="img" aria-label={label} data-testid={testId} />;
}

export default function HomePage() {
  const { t, i18n } = useTranslation();
  const [counts, setCounts] = useState<Counts | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [retry, setRetry] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: retry re-runs the count on demand
  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    countOpen(controller.signal)
      .then(setCounts)
      .catch((e: unknown) => {
        if (!(e instanceof DOMException && e.name === 'AbortError')) setError(e);
      });
    return () => controller.abort();
  }, [retry]);

  if (error) return <ErrorMessage error={error} onRetry={() => setRetry((n) => n + 1)} />;
  if (!counts) return <p className="muted loading">{t('app.loading')}</p>;

  const font = { fontFamily: 'system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif' };
  const priorityOption: echarts.EChartsCoreOption = {
    textStyle: font,
    tooltip: { trigger: 'axis', renderMode: 'richText' },
    grid: { left: 40, right: 16, top: 16, bottom: 32 },
    xAxis: { type: 'category', data: PRIORITIES.map((p) => t(`priority.${p}`)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: t('home.count'),
        type: 'bar',
        data: PRIORITIES.map((p) => ({
          value: counts.byPriority[p],
          itemStyle: { color: PRIORITY_COLORS[p] },
        })),
      },
    ],
  };
  const statusOption: echarts.EChartsCoreOption = {
    textStyle: font,
    tooltip: { trigger: 'item', renderMode: 'richText' },
    legend: { bottom: 0 },
    series: [
      {
        name: t('home.count'),
        type: 'pie',
        radius: ['40%', '70%'],
        data: OPEN_STATUSES.filter((s) => (counts.byStatus[s] ?? 0) > 0).map((s) => ({
          name: t(`status.${s}`),
          value: counts.byStatus[s] ?? 0,
        })),
      },
    ],
  };

  return (
    <div className="home" data-lang={i18n.language}>
      <div className="row between">
        <h1>{t('home.title')}</h1>
        <Link to="/inbox">{t('nav.inbox')} →</Link>
      </div>
      <p data-testid="open-total">
        {t('home.openTotal', { count: counts.total, formatted: formatNumber(counts.total) })}
      </p>
      {counts.capped ? <p className="muted">{t('home.sample', { count: counts.total })}</p> : null}
      {counts.total === 0 ? <p className="muted">{t('home.empty')}</p> : null}
      <div className="charts">
        <section className="panel">
          <h2>{t('home.openByPriority')}</h2>
          <Chart option={priorityOption} label={t('home.openByPriority')} testId="chart-priority" />
        </section>
        <section className="panel">
          <h2>{t('home.openByStatus')}</h2>
          <Chart option={statusOption} label={t('home.openByStatus')} testId="chart-status" />
        </section>
      </div>
    </div>
  );
}
