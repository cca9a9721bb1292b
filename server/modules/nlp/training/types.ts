/** One labelled text; weight > 1 makes an example count more (agents' corrections). */
export interface LabeledText {
  text: string;
  label: string;
  weight?: number;
  /** Optional domain (e.g. hotel, food delivery) for domain-aware models. */
  domain?: string;
}
