import { demoPerson } from '../../server/demo/demo-people.js';
import { templateSamples } from '../../server/demo/demo-templates.js';
import { Random } from '../../server/demo/random.js';
import { loadSampleTexts, type SampleText } from '../../server/demo/sample-texts.js';
import type { Channel, Nature } from '../../shared/enums.js';

const CHANNELS: readonly Channel[] = [
  'portal',
  'email',
  'phone',
  'sms',
  'social',
  'app_store',
  'widget',
  'api',
];
const NATURES: readonly Nature[] = ['complaint', 'suggestion', 'inquiry', 'praise'];

/** Varied, realistic create bodies: real zh/en texts, mostly new customers, some returning ones. */
export class IntakeBodies {
  private readonly random = new Random(7);
  private readonly texts: SampleText[];
  private serial = 0;
  readonly fromDataSets: boolean;

  constructor() {
    const loaded = loadSampleTexts({ maxLength: 2000 });
    this.fromDataSets = loaded.length > 0;
    this.texts = loaded.length > 0 ? loaded : templateSamples();
  }

  get poolSize(): number {
    return this.texts.length;
  }

  next(): string {
    const r = this.random;
    const sample = r.pick(this.texts);
    // One in three submissions comes from a returning customer (an identity already on file).
    const serial = r.chance(0.3) && this.serial > 100 ? r.int(1, this.serial) : ++this.serial;
    const person = demoPerson(new Random(serial), serial % 3 === 0 ? 'en' : 'zh', serial);
    const body: Record<string, unknown> = {
      description: sample.text,
      channel: r.pick(CHANNELS),
      occurredAt: new Date(Date.now() - r.int(0, 72) * 3_600_000).toISOString(),
      customer: {
        name: person.name,
        email: person.email,
        ...(person.language === 'zh' && serial % 2 === 0 ? { phone: person.phone } : {}),
      },
    };
    if (r.chance(0.3)) body.nature = r.pick(NATURES);
    return JSON.stringify(body);
  }

  /** The same kind of submission as the portal or widget sends it (public fields only, consent given). */
  nextPublic(): string {
    const body = JSON.parse(this.next()) as Record<string, unknown>;
    return JSON.stringify({
      description: body.description,
      channel: this.random.chance(0.5) ? 'portal' : 'widget',
      occurredAt: body.occurredAt,
      ...(body.nature ? { nature: body.nature } : {}),
      customer: body.customer,
      consent: true,
    });
  }
}
