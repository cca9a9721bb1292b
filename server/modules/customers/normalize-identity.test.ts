import { describe, expect, it } from 'vitest';
import {
  maskEmail,
  maskExternalId,
  maskName,
  maskPhone,
  normalizeEmail,
  normalizeExternalId,
  normalizeIdentity,
  normalizePhone,
} from './normalize-identity.js';

describe('normalizePhone', () => {
  it('reads Chinese mobile numbers in every common format as one E.164 number', () => {
    for (const raw of [
      '138 1234 5678',
      '+86 138-1234-5678',
      '008613812345678',
      '13812345678',
      ' +86 (138) 1234 5678 ',
      '＋８６ １３８ １２３４ ５６７８',
    ]) {
      expect(normalizePhone(raw), raw).toBe('+8613812345678');
    }
  });

  it('keeps foreign numbers with their own country code', () => {
    expect(normalizePhone('+1 415 555 2671')).toBe('+14155552671');
    expect(normalizePhone('0014155552671')).toBe('+14155552671');
    expect(normalizePhone('010-12345678')).toBe('+861012345678');
  });

  it('rejects what is not a phone number', () => {
    for (const raw of ['12345', 'abc', '', '138-1234-567x', 'j@example.com']) {
      expect(normalizePhone(raw), raw).toBeNull();
    }
  });
});

describe('normalizeEmail', () => {
  it('trims and lower-cases', () => {
    expect(normalizeEmail('  Li.Lei@Example.COM ')).toBe('li.lei@example.com');
  });

  it('rejects malformed addresses', () => {
    for (const raw of ['', 'li.lei', 'li@lei', '@example.com', 'a b@example.com', 'a@@example.com']) {
      expect(normalizeEmail(raw), raw).toBeNull();
    }
  });
});

describe('normalizeExternalId', () => {
  it('lower-cases the system name of system:id and keeps a bare id as given', () => {
    expect(normalizeExternalId(' CRM:AB-123 ')).toBe('crm:AB-123');
    expect(normalizeExternalId('U12345')).toBe('U12345');
    expect(normalizeExternalId('has space')).toBeNull();
    expect(normalizeExternalId('  ')).toBeNull();
  });
});

describe('normalizeIdentity', () => {
  it('throws a 400 with a kind-specific code', () => {
    expect(() => normalizeIdentity('phone', '123')).toThrowError(
      expect.objectContaining({ code: 'invalid_phone', status: 400 }),
    );
    expect(() => normalizeIdentity('email', 'nope')).toThrowError(
      expect.objectContaining({ code: 'invalid_email' }),
    );
    expect(normalizeIdentity('email', 'A@B.CN')).toBe('a@b.cn');
  });
});

describe('masking', () => {
  it('masks phones as +86 138****5678', () => {
    expect(maskPhone('+8613812345678')).toBe('+86 138****5678');
    expect(maskPhone('+14155552671')).toBe('+1 415****2671');
  });

  it('masks emails as j***@example.com', () => {
    expect(maskEmail('jane.doe@example.com')).toBe('j***@example.com');
  });

  it('masks external ids and names', () => {
    expect(maskExternalId('crm:12345')).toBe('crm:1***');
    expect(maskName('张伟')).toBe('张**');
  });
});
