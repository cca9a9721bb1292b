// Closeloop feedback widget, served at /widget.js. Embedded with one tag:
//   <script src="https://feedback.example.com/widget.js" async></script>
// Optional attributes: data-lang (zh-CN | en), data-color (#rrggbb), data-position (right | left),
// data-product, data-branch, data-launcher="false" (no floating button; open it with Closeloop.open()).
// The host page can call Closeloop.open(), Closeloop.close(), Closeloop.identify({ name, email, phone })
// and Closeloop.survey({ kind: 'nps' | 'csat', event, delayMs, question, cooldownDays, force }).
(() => {
  const script = document.currentScript;
  if (!script || window.Closeloop?.version) return;
  const base = new URL(script.src).origin;
  const attrs = script.dataset;

  const TEXT = {
    'zh-CN': {
      launcher: '意见反馈',
      title: '告诉我们您的意见',
      description: '问题或建议',
      descriptionHint: '请描述发生了什么，越具体越好',
      name: '姓名（选填）',
      email: '邮箱',
      phone: '手机号',
      contactHint: '邮箱或手机号至少填写一项，方便我们回复您',
      consent: '我同意为处理本次反馈而收集和使用我的个人信息',
      submit: '提交',
      sending: '正在提交…',
      close: '关闭',
      thanks: '已收到您的反馈，工单号：',
      track: '查看处理进度',
      another: '再提一条',
      failed: '提交失败，请稍后重试。',
      required: '请填写此项',
      npsQuestion: '您有多大可能向朋友或同事推荐我们？',
      npsLow: '完全不可能',
      npsHigh: '非常可能',
      csatQuestion: '您对本次服务满意吗？',
      csatLabels: ['非常不满意', '不满意', '一般', '满意', '非常满意'],
      comment: '还有什么想告诉我们的吗？（选填）',
      send: '发送',
      dismiss: '以后再说',
      surveyThanks: '感谢您的评价！',
    },
    en: {
      launcher: 'Feedback',
      title: 'Tell us what you think',
      description: 'Your issue or suggestion',
      descriptionHint: 'What happened? The more specific, the better',
      name: 'Name (optional)',
      email: 'Email',
      phone: 'Mobile number',
      contactHint: 'Give an email or a mobile number so we can answer you',
      consent: 'I agree that my personal data is collected and used to handle this feedback',
      submit: 'Send',
      sending: 'Sending…',
      close: 'Close',
      thanks: 'Thank you, we received your feedback. Ticket number:',
      track: 'Track its progress',
      another: 'Send another',
      failed: 'Sending failed; please try again later.',
      required: 'Please fill this in',
      npsQuestion: 'How likely are you to recommend us to a friend or colleague?',
      npsLow: 'Not at all likely',
      npsHigh: 'Extremely likely',
      csatQuestion: 'How satisfied are you with our service?',
      csatLabels: ['Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied'],
      comment: 'Anything else you would like to tell us? (optional)',
      send: 'Send',
      dismiss: 'Not now',
      surveyThanks: 'Thank you for your rating!',
    },
  };

  const settings = { primaryColor: '#1f6feb', language: 'auto', position: 'right' };
  const contact = {};
  let panel = null;
  let launcher = null;

  function language() {
    const chosen = attrs.lang || settings.language;
    if (chosen === 'zh-CN' || chosen === 'en') return chosen;
    return (navigator.language || '').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
  }
  const t = (key) => TEXT[language()][key];

  function color() {
    const chosen = attrs.color || settings.primaryColor;
    return /^#[0-9a-fA-F]{6}$/.test(chosen) ? chosen : '#1f6feb';
  }

  function newKey() {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') return window.crypto.randomUUID();
    return `w-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  }

  function el(tag, props, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'text') node.textContent = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children || []) node.append(child);
    return node;
  }

  const host = el('div', { 'data-closeloop-widget': true });
  const root = host.attachShadow({ mode: 'open' });
  const style = el('style');
  root.append(style);

  function paintStyle() {
    const side = (attrs.position || settings.position) === 'left' ? 'left' : 'right';
    style.textContent = `
      :host { all: initial; }
      * { box-sizing: border-box; font-family: system-ui, -apple-system, "PingFang SC", "Noto Sans CJK SC",
          "Microsoft YaHei", sans-serif; }
      .launcher { position: fixed; bottom: 24px; ${side}: 24px; z-index: 2147483000; background: ${color()};
        color: #fff; border: 0; border-radius: 24px; padding: 12px 20px; font-size: 15px; cursor: pointer;
        box-shadow: 0 4px 14px rgba(0,0,0,.25); }
      .card { position: fixed; bottom: 84px; ${side}: 24px; z-index: 2147483001; width: min(380px, calc(100vw - 32px));
        max-height: calc(100vh - 110px); overflow: auto; background: #fff; color: #1b1f24; border-radius: 12px;
        box-shadow: 0 8px 30px rgba(0,0,0,.3); padding: 18px; font-size: 14px; }
      h2 { font-size: 17px; margin: 0 0 12px; }
      label { display: block; margin: 10px 0 4px; font-weight: 600; }
      .check { display: flex; gap: 8px; align-items: flex-start; font-weight: 400; }
      input[type=text], input[type=email], input[type=tel], textarea { width: 100%; padding: 8px;
        border: 1px solid #8c959f; border-radius: 6px; font-size: 14px; }
      textarea { min-height: 96px; resize: vertical; }
      [aria-invalid=true] { border-color: #cf222e; }
      .hint { color: #57606a; font-size: 12px; margin: 2px 0 0; }
      .err { color: #cf222e; font-size: 12px; margin: 4px 0 0; }
      .err:empty { display: none; }
      .row { display: flex; gap: 8px; justify-content: flex-end; margin-top: 14px; }
      button.primary { background: ${color()}; color: #fff; border: 0; border-radius: 6px; padding: 8px 16px;
        font-size: 14px; cursor: pointer; }
      button.plain { background: transparent; border: 1px solid #8c959f; border-radius: 6px; padding: 8px 12px;
        cursor: pointer; font-size: 14px; }
      button:disabled { opacity: .6; cursor: default; }
      button:focus-visible, input:focus-visible, textarea:focus-visible { outline: 2px solid ${color()};
        outline-offset: 2px; }
      .close { position: absolute; top: 10px; right: 12px; background: none; border: 0; font-size: 20px;
        cursor: pointer; color: #57606a; }
      .scale { display: flex; gap: 3px; margin: 8px 0 4px; }
      .scale button { min-width: 0; padding: 6px 0; border: 1px solid #8c959f; background: #fff;
        border-radius: 6px; cursor: pointer; flex: 1 1 0; font-size: 13px; }
      .scale button[aria-pressed=true] { background: ${color()}; color: #fff; border-color: ${color()}; }
      .ends { display: flex; justify-content: space-between; color: #57606a; font-size: 12px; }
      .number { font-size: 18px; font-weight: 700; }
      a { color: ${color()}; }
    `;
  }

  async function postJson(path, body, headers) {
    const response = await fetch(base + path, {
      method: 'POST',
      mode: 'cors',
      credentials: 'omit',
      headers: { 'content-type': 'application/json', 'accept-language': language(), ...(headers || {}) },
      body: JSON.stringify(body),
    });
    let json = null;
    try {
      json = await response.json();
    } catch {
      json = null;
    }
    return { ok: response.ok, status: response.status, json };
  }

  // ---- feedback form ----

  function field(id, labelText, control, hint) {
    control.id = `cl-${id}`;
    control.setAttribute('aria-describedby', `cl-${id}-err${hint ? ` cl-${id}-hint` : ''}`);
    return el('div', {}, [
      el('label', { for: `cl-${id}`, text: labelText }),
      control,
      hint ? el('p', { class: 'hint', id: `cl-${id}-hint`, text: hint }) : '',
      el('p', { class: 'err', id: `cl-${id}-err`, role: 'alert' }),
    ]);
  }

  // API error paths (validation: body.customer.email; rules: customer.email) → the field that shows them.
  const FIELD_OF_PATH = {
    description: 'description',
    'customer.name': 'name',
    'customer.email': 'email',
    'customer.phone': 'phone',
    customer: 'email',
    consent: 'consent',
  };

  function buildForm() {
    const idempotencyKey = newKey();
    const description = el('textarea', { name: 'description', required: true, maxlength: 20000 });
    const name = el('input', { type: 'text', name: 'name', autocomplete: 'name', maxlength: 200 });
    const email = el('input', { type: 'email', name: 'email', autocomplete: 'email', maxlength: 320 });
    const phone = el('input', { type: 'tel', name: 'phone', autocomplete: 'tel', maxlength: 40 });
    const consent = el('input', { type: 'checkbox', name: 'consent', id: 'cl-consent' });
    if (contact.name) name.value = contact.name;
    if (contact.email) email.value = contact.email;
    if (contact.phone) phone.value = contact.phone;
    const submit = el('button', { type: 'submit', class: 'primary', text: t('submit') });
    const general = el('p', { class: 'err', role: 'alert' });
    const controls = { description, name, email, phone, consent };

    function clearErrors() {
      general.textContent = '';
      for (const [key, control] of Object.entries(controls)) {
        control.removeAttribute('aria-invalid');
        const target = root.getElementById(`cl-${key}-err`);
        if (target) target.textContent = '';
      }
    }
    function showError(key, message) {
      const target = key ? root.getElementById(`cl-${key}-err`) : null;
      if (!target) {
        general.textContent = message;
        return;
      }
      target.textContent = message;
      controls[key].setAttribute('aria-invalid', 'true');
    }

    const form = el(
      'form',
      {
        novalidate: true,
        onsubmit: async (event) => {
          event.preventDefault();
          clearErrors();
          if (!description.value.trim()) {
            showError('description', t('required'));
            description.focus();
            return;
          }
          const customer = {};
          if (name.value.trim()) customer.name = name.value.trim();
          if (email.value.trim()) customer.email = email.value.trim();
          if (phone.value.trim()) customer.phone = phone.value.trim();
          const body = {
            description: description.value,
            channel: 'widget',
            consent: consent.checked,
            customer,
          };
          if (attrs.product) body.product = attrs.product;
          if (attrs.branch) body.branch = attrs.branch;
          submit.disabled = true;
          submit.textContent = t('sending');
          try {
            const answer = await postJson('/api/v1/public/feedback', body, {
              'idempotency-key': idempotencyKey,
            });
            if (answer.ok && answer.json?.data) {
              showThanks(answer.json.data);
              return;
            }
            const error = answer.json?.error;
            if (!error) {
              showError(null, t('failed'));
            } else {
              const details = Array.isArray(error.details) ? error.details : [];
              let placed = false;
              for (const detail of details) {
                const path = String(detail.path || '').replace(/^body\./, '');
                const key = FIELD_OF_PATH[path];
                if (key) {
                  showError(key, detail.message || error.message);
                  placed = true;
                }
              }
              if (!placed) showError(null, error.message);
            }
          } catch {
            showError(null, t('failed'));
          } finally {
            submit.disabled = false;
            submit.textContent = t('submit');
          }
        },
      },
      [
        field('description', t('description'), description, t('descriptionHint')),
        field('name', t('name'), name),
        field('email', t('email'), email, t('contactHint')),
        field('phone', t('phone'), phone),
        el('div', {}, [
          el('label', { class: 'check', for: 'cl-consent' }, [consent, el('span', { text: t('consent') })]),
          el('p', { class: 'err', id: 'cl-consent-err', role: 'alert' }),
        ]),
        general,
        el('div', { class: 'row' }, [submit]),
      ],
    );
    consent.setAttribute('aria-describedby', 'cl-consent-err');
    return form;
  }

  function showThanks(data) {
    const body = panel.querySelector('.body');
    body.replaceChildren(
      el('p', { text: t('thanks') }),
      el('p', { class: 'number', 'data-ticket-number': data.number, text: data.number }),
      el('p', {}, [el('a', { href: data.trackingUrl, target: '_blank', rel: 'noopener', text: t('track') })]),
      el('div', { class: 'row' }, [
        el('button', {
          type: 'button',
          class: 'plain',
          text: t('another'),
          onclick: () => body.replaceChildren(buildForm()),
        }),
      ]),
    );
  }

  function open() {
    if (panel) {
      panel.querySelector('textarea, button, a')?.focus();
      return;
    }
    panel = el(
      'div',
      { class: 'card', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'cl-title' },
      [
        el('button', { type: 'button', class: 'close', 'aria-label': t('close'), text: '×', onclick: close }),
        el('h2', { id: 'cl-title', text: t('title') }),
        el('div', { class: 'body' }, [buildForm()]),
      ],
    );
    panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') close();
    });
    root.append(panel);
    root.getElementById('cl-description').focus();
    if (launcher) launcher.setAttribute('aria-expanded', 'true');
  }

  function close() {
    if (panel) panel.remove();
    panel = null;
    if (launcher) {
      launcher.setAttribute('aria-expanded', 'false');
      launcher.focus();
    }
  }

  // ---- one-question survey (NPS 0–10, CSAT 1–5) ----

  const SCALES = { nps: [0, 10], csat: [1, 5] };

  function remembered(key, cooldownDays) {
    try {
      const at = Number(window.localStorage.getItem(key));
      return at > 0 && Date.now() - at < cooldownDays * 86_400_000;
    } catch {
      return false;
    }
  }
  function remember(key) {
    try {
      window.localStorage.setItem(key, String(Date.now()));
    } catch {
      // storage unavailable (private mode): the prompt may show again
    }
  }

  function survey(options) {
    const kind = options && options.kind === 'csat' ? 'csat' : 'nps';
    const event = options && typeof options.event === 'string' ? options.event.slice(0, 100) : undefined;
    const key = `closeloop:survey:${kind}:${event || ''}`;
    const cooldownDays = options && typeof options.cooldownDays === 'number' ? options.cooldownDays : 30;
    if (!options?.force && remembered(key, cooldownDays)) return false;
    const delay = options && typeof options.delayMs === 'number' ? Math.max(0, options.delayMs) : 0;
    setTimeout(() => showSurvey(kind, event, key, options || {}), delay);
    return true;
  }

  function showSurvey(kind, event, key, options) {
    const [min, max] = SCALES[kind];
    let chosen = null;
    const question = options.question || t(kind === 'nps' ? 'npsQuestion' : 'csatQuestion');
    const comment = el('textarea', { id: 'cl-survey-comment', maxlength: 2000 });
    const send = el('button', { type: 'button', class: 'primary', text: t('send'), disabled: true });
    const error = el('p', { class: 'err', role: 'alert' });
    const buttons = [];
    for (let score = min; score <= max; score++) {
      const label = kind === 'csat' ? `${score} – ${t('csatLabels')[score - 1]}` : String(score);
      const button = el('button', {
        type: 'button',
        'aria-pressed': 'false',
        'aria-label': label,
        title: label,
        'data-score': score,
        text: String(score),
        onclick: () => {
          chosen = score;
          for (const b of buttons) b.setAttribute('aria-pressed', String(b === button));
          send.disabled = false;
        },
      });
      buttons.push(button);
    }
    const card = el('div', { class: 'card survey', role: 'dialog', 'aria-labelledby': 'cl-survey-q' }, [
      el('h2', { id: 'cl-survey-q', text: question }),
      el('div', { class: 'scale', role: 'group', 'aria-labelledby': 'cl-survey-q' }, buttons),
      kind === 'nps'
        ? el('div', { class: 'ends' }, [
            el('span', { text: t('npsLow') }),
            el('span', { text: t('npsHigh') }),
          ])
        : el('div', { class: 'ends' }, [
            el('span', { text: t('csatLabels')[0] }),
            el('span', { text: t('csatLabels')[4] }),
          ]),
      el('label', { for: 'cl-survey-comment', text: t('comment') }),
      comment,
      error,
      el('div', { class: 'row' }, [
        el('button', {
          type: 'button',
          class: 'plain',
          text: t('dismiss'),
          onclick: () => {
            remember(key);
            card.remove();
          },
        }),
        send,
      ]),
    ]);
    send.addEventListener('click', async () => {
      if (chosen === null) return;
      send.disabled = true;
      error.textContent = '';
      const body = {
        kind,
        score: chosen,
        language: language(),
        pageUrl: window.location.href.slice(0, 2000),
      };
      if (comment.value.trim()) body.comment = comment.value.trim();
      if (event) body.event = event;
      if (attrs.product) body.product = attrs.product;
      if (attrs.branch) body.branch = attrs.branch;
      try {
        const answer = await postJson('/api/v1/public/surveys/responses', body);
        if (!answer.ok) {
          error.textContent = answer.json?.error?.message || t('failed');
          send.disabled = false;
          return;
        }
        remember(key);
        card.replaceChildren(el('p', { class: 'thanks', role: 'status', text: t('surveyThanks') }));
        setTimeout(() => card.remove(), 2500);
      } catch {
        error.textContent = t('failed');
        send.disabled = false;
      }
    });
    root.append(card);
    buttons[0].focus();
  }

  // ---- start ----

  function mount() {
    paintStyle();
    if (attrs.launcher !== 'false') {
      launcher = el('button', {
        type: 'button',
        class: 'launcher',
        'aria-haspopup': 'dialog',
        'aria-expanded': 'false',
        text: t('launcher'),
        onclick: () => (panel ? close() : open()),
      });
      root.append(launcher);
    }
    document.body.append(host);
  }

  window.Closeloop = {
    version: 1,
    open,
    close,
    survey,
    identify(who) {
      for (const k of ['name', 'email', 'phone']) if (who && typeof who[k] === 'string') contact[k] = who[k];
    },
  };

  const ready = fetch(`${base}/api/v1/public/widget/config`, { mode: 'cors', credentials: 'omit' })
    .then((r) => (r.ok ? r.json() : null))
    .then((json) => {
      if (json?.data) Object.assign(settings, json.data);
    })
    .catch(() => {});
  ready.then(() => {
    if (document.body) mount();
    else document.addEventListener('DOMContentLoaded', mount);
    document.dispatchEvent(new CustomEvent('closeloop:ready'));
  });
})();
