import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Overview } from '../../../shared/contracts/analytics.js';
import { CHANNELS, NATURES, PRIORITIES, type Priority } from '../../../shared/enums.js';
import { OPEN_STATUSES } from '../../../shared/feedback/status-machine.js';
import { api } from '../api.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { formatNumber, timeZone } from '../format.js';
import { Link } from '../router.js';

// Only what the overview draws: bar + pie on canvas, with tooltip, grid and legend.
echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const DAYS = 14;

const PRIORITY_COLORS: Record<Priority, string> = {
  urgent: '#dc2626',
  high: '#ea580c',
  normal: '#2563eb',
  suggestion: '#64748b',
};
const NATURE_COLORS: Record<(typeof NATURES)[number] | 'unclassified', string> = {
  complaint: '#dc2626',
  suggestion: '#0891b2',
  inquiry: '#2563eb',
  praise: '#16a34a',
  unclassified: '#94a3b8',
};
const FONT = { fontFamily: 'system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif' };

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

function Tile({
  id,
  label,
  value,
  to,
  tone,
}: {
  id: string;
  label: string;
  value: number;
  to?: string;
  tone?: 'amber' | 'red';
}) {
  const body = (
    <>
      <span className="tile-value">{formatNumber(value)}</span>
      <span className="tile-label">{label}</span>
    </>
  );
  return (
    <div className={`tile${tone && value > 0 ? ` tile-${tone}` : ''}`} data-testid={`tile-${id}`}>
      {to ? (
        <Link to={to} className="tile-link">
          {body}
        </Link>
      ) : (
        body
      )}
    </div>
  );
}

export default function HomePage() {
  const { t, i18n } = useTranslation();
  const [overview, setOverview] = useState<Overview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [retry, setRetry] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: retry re-runs the query on demand
  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    api<{ data: Overview }>('GET', '/analytics/overview', {
      query: { timeZone: timeZone(), days: DAYS },
      signal: controller.signal,
    })
      .then((res) => setOverview(res.data))
      .catch((e: unknown) => {
        if (!(e instanceof DOMException && e.name === 'AbortError')) setError(e);
      });
    return () => controller.abort();
  }, [retry]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: labels follow the language
  const options = useMemo(() => {
    if (!overview) return null;
    const channels = CHANNELS.filter((c) => overview.today.byChannel[c] > 0);
    const channelOption: echarts.EChartsCoreOption = {
      textStyle: FONT,
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      grid: { left: 96, right: 24, top: 8, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: channels.map((c) => t(`channel.${c}`)), inverse: true },
      series: [
        {
          name: t('home.count'),
          type: 'bar',
          data: channels.map((c) => overview.today.byChannel[c]),
          barMaxWidth: 28,
          itemStyle: { color: '#2563eb' },
        },
      ],
    };
    const priorityOption: echarts.EChartsCoreOption = {
      textStyle: FONT,
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      grid: { left: 40, right: 16, top: 16, bottom: 32 },
      xAxis: {
        type: 'category',
        data: PRIORITIES.map((p) => t(`priority.${p}`)),
        axisLabel: { interval: 0 },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: t('home.count'),
          type: 'bar',
          barMaxWidth: 48,
          data: PRIORITIES.map((p) => ({
            value: overview.open.byPriority[p],
            itemStyle: { color: PRIORITY_COLORS[p] },
          })),
        },
      ],
    };
    const statusOption: echarts.EChartsCoreOption = {
      textStyle: FONT,
      tooltip: { trigger: 'item', renderMode: 'richText' },
      legend: { bottom: 0 },
      series: [
        {
          name: t('home.count'),
          type: 'pie',
          radius: ['40%', '70%'],
          data: OPEN_STATUSES.filter(
            (s): s is keyof Overview['open']['byStatus'] =>
              s in overview.open.byStatus &&
              overview.open.byStatus[s as keyof Overview['open']['byStatus']] > 0,
          ).map((s) => ({ name: t(`status.${s}`), value: overview.open.byStatus[s] })),
        },
      ],
    };
    const dayLabel = new Intl.DateTimeFormat(i18n.language, {
      month: 'numeric',
      day: 'numeric',
      timeZone: 'UTC',
    });
    const natures = [...NATURES, 'unclassified'] as const;
    const dailyOption: echarts.EChartsCoreOption = {
      textStyle: FONT,
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      legend: { bottom: 0 },
      grid: { left: 40, right: 16, top: 16, bottom: 72 },
      xAxis: {
        type: 'category',
        data: overview.daily.map((d) => dayLabel.format(new Date(`${d.date}T00:00:00Z`))),
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: natures.map((n) => ({
        name: n === 'unclassified' ? t('home.unclassified') : t(`nature.${n}`),
        type: 'bar',
        stack: 'volume',
        barMaxWidth: 32,
        itemStyle: { color: NATURE_COLORS[n] },
        data: overview.daily.map((d) => d.byNature[n]),
      })),
    };
    return { channelOption, priorityOption, statusOption, dailyOption };
  }, [overview, i18n.language]);

  if (error) return <ErrorMessage error={error} onRetry={() => setRetry((n) => n + 1)} />;
  if (!overview || !options) return <p className="muted loading">{t('app.loading')}</p>;

  return (
    <div className="home" data-lang={i18n.language}>
      <div className="row between">
        <h1>{t('home.title')}</h1>
        <Link to="/inbox">{t('nav.inbox')} →</Link>
      </div>
      <p data-testid="open-total">
        {t('home.openTotal', { count: overview.open.total, formatted: formatNumber(overview.open.total) })}
      </p>
      <div className="tiles">
        <Tile id="today" label={t('home.today')} value={overview.today.total} />
        <Tile id="open" label={t('home.open')} value={overview.open.total} to="/inbox" />
        <Tile
          id="unassigned"
          label={t('home.unassigned')}
          value={overview.open.unassigned}
          to="/inbox?view=unassigned"
        />
        <Tile
          id="atRisk"
          label={t('home.atRisk')}
          value={overview.sla.atRisk}
          to="/inbox?view=atRisk"
          tone="amber"
        />
        <Tile
          id="breached"
          label={t('home.breached')}
          value={overview.sla.breached}
          to="/inbox?view=atRisk"
          tone="red"
        />
      </div>
      {overview.open.total === 0 ? <p className="muted">{t('home.empty')}</p> : null}
      <div className="charts">
        <section className="panel">
          <h2>{t('home.todayByChannel')}</h2>
          {overview.today.total === 0 ? (
            <p className="muted">{t('home.noneToday')}</p>
          ) : (
            <Chart option={options.channelOption} label={t('home.todayByChannel')} testId="chart-channel" />
          )}
        </section>
        <section className="panel">
          <h2>{t('home.openByPriority')}</h2>
          <Chart option={options.priorityOption} label={t('home.openByPriority')} testId="chart-priority" />
        </section>
        <section className="panel">
          <h2>{t('home.openByStatus')}</h2>
          <Chart option={options.statusOption} label={t('home.openByStatus')} testId="chart-status" />
        </section>
        <section className="panel wide">
          <h2>{t('home.daily', { days: DAYS })}</h2>
          <Chart option={options.dailyOption} label={t('home.daily', { days: DAYS })} testId="chart-daily" />
        </section>
      </div>
    </div>
  );
}
