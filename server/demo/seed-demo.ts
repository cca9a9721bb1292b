import type { IdentityInput } from '../../shared/contracts/customers.js';
import type { Channel } from '../../shared/enums.js';
// createCustomer is not (yet) on the customers module's public face; it is the only way to set a tier.
import { createCustomer } from '../modules/customers/commands/create-customer.js';
import { type CreateFeedbackInput, createFeedback } from '../modules/feedback/index.js';
import { seedDefaultTriage } from '../modules/triage/index.js';
import { type Actor, SYSTEM_ACTOR } from '../platform/auth/actor.js';
import type { AppContext } from '../platform/http/context.js';
import { classifySample } from './classify-sample.js';
import { seedDemoCanned } from './demo-canned.js';
import { playLifecycle, targetStatus } from './demo-lifecycle.js';
import { createDemoOrg, DEMO_DEPARTMENTS, type DemoDepartmentCode } from './demo-org.js';
import { demoPerson } from './demo-people.js';
import { DEMO_TAGS } from './demo-tags.js';
import { templateSamples } from './demo-templates.js';
import { Random } from './random.js';
import { loadSampleTexts, type SampleLanguage, type SampleText } from './sample-texts.js';

export { DEMO_ACCOUNTS, DEMO_PASSWORD, DemoDataExistsError, demoEmail } from './demo-org.js';

const DAY = 86_400_000;
const CHANNELS: readonly (readonly [Channel, number])[] = [
  ['portal', 20],
  ['email', 18],
  ['phone', 15],
  ['widget', 12],
  ['social', 10],
  ['api', 10],
  ['sms', 8],
  ['app_store', 7],
];
// Channels through which customers write themselves (as opposed to an agent typing a call in, or an integration).
const SELF_SERVICE: readonly Channel[] = ['portal', 'email', 'widget', 'sms', 'social', 'app_store'];

export interface SeedDemoResult {
  customers: number;
  items: number;
  departments: number;
  users: number;
}

function textPool(random: Random, dir: string | null | undefined): SampleText[] {
  // Real texts from ../shared/data when present, always mixed with our own bilingual templates.
  const sampled =
    dir === null
      ? []
      : loadSampleTexts({ maxPerSource: 150, maxLength: 600, random, ...(dir ? { dir } : {}) });
  return [...sampled, ...templateSamples(), ...templateSamples()];
}

async function createDemoCustomers(ctx: AppContext, random: Random, count: number, at: string) {
  const customers: { id: string; language: SampleLanguage }[] = [];
  for (let i = 1; i <= count; i++) {
    const person = demoPerson(random, random.chance(0.6) ? 'zh' : 'en', i);
    const identities: IdentityInput[] = [{ kind: 'email', value: person.email }];
    if (random.chance(0.7)) identities.push({ kind: 'phone', value: person.phone });
    const id = await ctx.database.db.transaction().execute((trx) =>
      createCustomer({
        trx,
        actor: SYSTEM_ACTOR,
        at,
        input: {
          name: person.name,
          tier: random.chance(0.12) ? 'vip' : 'normal',
          locale: person.language === 'zh' ? 'zh-CN' : 'en',
          identities,
        },
      }),
    );
    customers.push({ id, language: person.language });
  }
  return customers;
}

/**
 * Loads a realistic bilingual demo data set through the modules' own commands (so history, outbox and
 * audit rows are consistent): four departments, their staff, ~100 customers and `items` feedback items
 * over the last 60 days, moved through the lifecycle. Refuses (DemoDataExistsError) when run twice.
 */
export async function seedDemo(
  ctx: AppContext,
  options: {
    items?: number;
    onProgress?: (done: number, total: number) => void;
    /** Where the public data sets live (default ../shared/data); null: only the built-in templates. */
    sampleDataDir?: string | null;
  } = {},
): Promise<SeedDemoResult> {
  const total = options.items ?? 300;
  const random = new Random(20261123);
  const now = ctx.clock();
  const db = ctx.database.db;
  const setupAt = new Date(now.getTime() - 61 * DAY).toISOString();
  const org = await createDemoOrg(db, setupAt);
  await seedDemoCanned(db, org.departments, setupAt);
  // Triage rules, agents' skills (their department's business areas) and auto-assignment.
  await seedDefaultTriage(
    db,
    setupAt,
    DEMO_DEPARTMENTS.flatMap((d) =>
      (org.staff.get(d.code)?.agents ?? []).map((a) => ({ userId: a.id!, skills: [...d.businessAreas] })),
    ),
  );
  const customers = await createDemoCustomers(
    ctx,
    random,
    Math.max(10, Math.min(100, Math.ceil(total / 3))),
    setupAt,
  );
  const pool = textPool(random, options.sampleDataDir);
  const byLanguage = {
    zh: pool.filter((t) => t.language === 'zh'),
    en: pool.filter((t) => t.language === 'en'),
  };

  const createdTimes = Array.from(
    { length: total },
    () => now.getTime() - Math.floor(random.next() * 60 * DAY),
  ).sort((a, b) => a - b);
  for (const [i, createdMs] of createdTimes.entries()) {
    const customer = random.pick(customers);
    // Customers mostly write in their own language.
    const language: SampleLanguage = random.chance(0.85)
      ? customer.language
      : customer.language === 'zh'
        ? 'en'
        : 'zh';
    const sample = random.pick(byLanguage[language].length > 0 ? byLanguage[language] : pool);
    const traits = classifySample(sample);
    const escalate = traits.nature === 'complaint' && (traits.priority === 'urgent' || random.chance(0.15));
    const code: DemoDepartmentCode = escalate ? 'complaints' : traits.businessArea;
    const staff = org.staff.get(code)!;
    const channel = random.weighted(CHANNELS);
    const createdAt = new Date(createdMs);
    const creator: Actor = channel === 'phone' ? random.pick(staff.agents) : SYSTEM_ACTOR;
    const input: CreateFeedbackInput = {
      description: sample.text,
      channel,
      nature: traits.nature,
      businessArea: traits.businessArea,
      product: traits.product,
      priority: traits.priority,
      language: sample.language,
      occurredAt: new Date(createdMs - random.int(0, 24) * 3_600_000).toISOString(),
      customer: { customerId: customer.id },
      tags: traits.tags.filter((t) => t in DEMO_TAGS),
      departmentId: org.departments.get(code)!,
      submittedByCustomer: SELF_SERVICE.includes(channel),
    };
    const record = await db.transaction().execute((trx) =>
      createFeedback({
        trx,
        actor: creator,
        at: createdAt.toISOString(),
        dialect: ctx.database.dialect,
        timeZone: ctx.config.businessTimeZone,
        input,
      }),
    );
    const ageDays = (now.getTime() - createdMs) / DAY;
    await playLifecycle(
      { db, dialect: ctx.database.dialect, random, now, agents: staff.agents, supervisor: staff.supervisor },
      {
        id: record.id,
        createdAt,
        priority: traits.priority,
        language: sample.language,
        sentiment: sample.sentiment,
      },
      targetStatus(random, ageDays),
    );
    options.onProgress?.(i + 1, total);
  }
  return { customers: customers.length, items: total, departments: org.departments.size, users: org.users };
}
