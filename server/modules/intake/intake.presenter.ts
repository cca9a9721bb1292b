import type { IntakeSource, SubmissionOutcome } from '../../../shared/contracts/intake.js';
import type { Locale } from '../../../shared/enums.js';
import type { SourceRow, SubmissionRow } from './intake.repository.js';
import { SOURCE_PRESETS } from './presets.js';

export function presentSource(row: SourceRow): IntakeSource {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    channel: row.channel as IntakeSource['channel'],
    algorithm: 'sha256',
    signatureHeader: row.signature_header,
    timestampHeader: row.timestamp_header,
    toleranceSeconds: Number(row.tolerance_seconds),
    mapping: JSON.parse(row.mapping) as Record<string, string>,
    enabled: Number(row.enabled) === 1,
    receiveUrl: `/api/v1/intake/hooks/${row.slug}`,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function presentPresets(locale: Locale) {
  return SOURCE_PRESETS.map((p) => ({
    code: p.code,
    name: locale === 'zh-CN' ? p.nameZh : p.nameEn,
    channel: p.channel,
    signatureHeader: p.signatureHeader,
    timestampHeader: p.timestampHeader,
    mapping: p.mapping as Record<string, string>,
    example: p.example,
  }));
}

export function presentSubmission(row: SubmissionRow) {
  return {
    id: row.id,
    channel: row.channel,
    source: row.source,
    receivedAt: row.received_at,
    contentType: row.content_type,
    payload: row.payload,
    payloadEncoding: row.payload_encoding,
    remoteIp: row.remote_ip,
    outcome: row.outcome as SubmissionOutcome,
    feedbackId: row.feedback_id,
  };
}
