import { createHash } from 'node:crypto';

/** Everything on a closure letter (投诉结案书); every value is escaped when rendered. */
export interface ClosureLetterInput {
  companyName: string;
  number: string;
  customerName: string | null;
  handlerName: string | null;
  submittedAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
  closure: { rootCause: string; remedy: string; prevention: string };
  timeZone: string;
  /** When the document was produced. */
  issuedAt: string;
}

const STYLE = `
body{font-family:"Noto Serif CJK SC","Noto Sans CJK SC","Source Han Serif SC",serif;max-width:46rem;margin:2rem auto;
padding:0 1.5rem;color:#111;line-height:1.6}
h1{text-align:center;font-size:1.6rem;margin-bottom:.2rem}
.sub{text-align:center;color:#444;margin-top:0}
table{border-collapse:collapse;width:100%;margin:1.2rem 0}
th,td{border:1px solid #999;padding:.45rem .6rem;vertical-align:top;text-align:left}
th{width:11rem;background:#f3f3f3;font-weight:600}
td{white-space:pre-wrap;overflow-wrap:anywhere}
.en{display:block;font-weight:400;color:#555;font-size:.85em}
footer{margin-top:2rem;color:#444;font-size:.9rem}
@media print{body{margin:0 auto}th{background:none}}
`;

/** The stylesheet is inline and allowed by its hash only: no other style, no script, no image, no frame. */
export const CLOSURE_LETTER_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatTime(iso: string | null, timeZone: string): string {
  if (!iso) return '—';
  let format = formatters.get(timeZone);
  if (!format) {
    // sv-SE writes `YYYY-MM-DD HH:mm`, readable in both languages.
    format = new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' });
    formatters.set(timeZone, format);
  }
  return `${format.format(new Date(iso))} (${timeZone})`;
}

function row(zh: string, en: string, value: string): string {
  return `<tr><th>${escapeHtml(zh)}<span class="en">${escapeHtml(en)}</span></th><td>${escapeHtml(value)}</td></tr>`;
}

/** A printable bilingual closure letter as one self-contained HTML page. */
export function renderClosureLetter(input: ClosureLetterInput): string {
  const t = (iso: string | null) => formatTime(iso, input.timeZone);
  const company = input.companyName.trim();
  const rows = [
    row('工单号', 'Ticket number', input.number),
    row('客户', 'Customer', input.customerName ?? '—'),
    row('受理时间', 'Received', t(input.submittedAt)),
    row('解决时间', 'Resolved', t(input.resolvedAt)),
    row('结案时间', 'Closed', t(input.closedAt)),
    row('问题原因', 'Root cause', input.closure.rootCause),
    row('处理结果 / 补偿', 'Remedy / compensation', input.closure.remedy),
    row('改进措施', 'Prevention', input.closure.prevention),
    row('处理人', 'Handled by', input.handlerName ?? '客服专员 / Our service team'),
  ].join('\n');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(`投诉结案书 / Closure letter — ${input.number}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>投诉结案书</h1>
<p class="sub">Closure letter${company ? ` · ${escapeHtml(company)}` : ''}</p>
<table>
${rows}
</table>
<footer>
<p>感谢您的反馈，它帮助我们改进服务。<span class="en">Thank you for your feedback: it helps us improve.</span></p>
<p>${company ? `${escapeHtml(company)} · ` : ''}出具时间 / Issued ${escapeHtml(t(input.issuedAt))}</p>
</footer>
</body>
</html>
`;
}
