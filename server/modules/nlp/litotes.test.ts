import { describe, expect, it } from 'vitest';
import { findLitotes } from './litotes.js';

describe('findLitotes', () => {
  it('finds English negated negatives and cuts them out', () => {
    expect(findLitotes('not bad at all', 'en')).toEqual({ phrases: ['not bad at all'], remainder: '' });
    expect(findLitotes('the food was not too bad , but delivery was late', 'en')).toEqual({
      phrases: ['not too bad'],
      remainder: 'the food was , but delivery was late',
    });
    expect(findLitotes('no problems at all', 'en')?.phrases).toEqual(['no problems at all']);
    expect(findLitotes('i can not complain', 'en')?.phrases).toEqual(['can not complain']);
    expect(findLitotes('not good', 'en')).toBeNull();
    expect(findLitotes('notbad', 'en')).toBeNull();
  });

  it('finds Chinese ones', () => {
    expect(findLitotes('分辨率没毛病', 'zh')).toEqual({ phrases: ['没毛病'], remainder: '分辨率' });
    expect(findLitotes('很差', 'zh')).toBeNull();
  });
});
